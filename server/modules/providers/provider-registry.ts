/**
 * The running provider instances and the router over them, rebuilt from the
 * catalog (the database, or the config file) whenever it changes. Callers hold
 * the registry, never a router: `registry.router` hands each chat the router
 * current when the chat starts, and that chat keeps it to the end, so a reload
 * never changes a route under a chat in flight. A replaced router's instances
 * are closed once its last chat has finished.
 */
import type { Logger } from 'pino';
import type { Provider, ProviderPlugin } from '../../../plugins/plugin-api.ts';
import type { ModelConfig, ResilienceConfig } from '../../config/index.ts';
import { createProviders, type LoadedPlugins, type LoadFailure, type ProviderEntry } from '../../plugin-host/index.ts';
import { createHash } from 'node:crypto';
import { createRouter, type ProviderHealth, type Router, type RouterEvent } from '../../router/index.ts';
import { logAttemptFailure } from '../../providers.ts';
import { PeriodicTask } from '../../util/periodic-task.ts';

/** A provider instance as the console sees it: everything but the key, which is only "set" and its last four characters. */
export interface CatalogProvider {
  id: string;
  plugin: string;
  baseUrl: string | null;
  options: Record<string, unknown>;
  apiKeyEnv: string | null;
  apiKeySet: boolean;
  apiKeyLast4: string | null;
  maxConcurrent: number | null;
  enabled: boolean;
}

/** What a catalog source answers: the entries, with keys opened for the registry only. */
export interface LoadedCatalog {
  version: number;
  providers: (CatalogProvider & { apiKey?: string; keyError?: string })[];
  models: ModelConfig[];
}

export interface CatalogSource {
  /** `config`: the file is the source of truth and the catalog is read-only. */
  readonly kind: 'database' | 'config';
  load(): Promise<LoadedCatalog>;
  /** The catalog's change counter; undefined for a source that never changes. */
  version?(): Promise<number>;
}

interface Generation {
  router: Router;
  instances: Map<string, Provider>;
  modelNames: Set<string>;
  failures: LoadFailure[];
  providers: CatalogProvider[];
  models: ModelConfig[];
  version: number;
  /** Chats and embeddings running on this generation's router. */
  users: number;
  retired: boolean;
  closed?: Promise<void>;
}

export interface ProviderRegistryOptions {
  plugins: LoadedPlugins;
  resilience: ResilienceConfig;
  source: CatalogSource;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** How often the catalog's counter is read, so an instance that missed a bus message catches up (default 30 s). */
  pollMs?: number;
}

export class ProviderRegistry {
  private current!: Generation;
  private readonly task: PeriodicTask<void>;
  private readonly retired = new Set<Generation>();
  /**
   * Circuit breakers and statistics by provider id, with the settings they were
   * earned under: a rebuild keeps them for providers whose settings did not
   * change, so editing one route neither forgets that another provider is down
   * nor sends it traffic to find out again.
   */
  private readonly health = new Map<string, ProviderHealth & { settings: string }>();
  /** Hands out the current generation's router per call; see the file comment. */
  readonly router: Router;

  private constructor(private readonly o: ProviderRegistryOptions) {
    this.task = new PeriodicTask({
      name: 'provider catalog',
      intervalMs: o.pollMs ?? 30_000,
      logger: o.logger,
      run: async (reason) => {
        // The interval only asks whether the catalog moved; a source without a counter (the config file) never does.
        if (reason === 'interval' && (!this.o.source.version || (await this.o.source.version()) === this.current.version)) return;
        await this.rebuild();
      },
    });
    this.router = {
      stream: (model, request, signal) => this.use((g) => g.router.stream(model, request, signal)),
      embed: async (model, request, signal) => {
        const g = this.enter();
        try {
          return await g.router.embed(model, request, signal);
        } finally {
          this.leave(g);
        }
      },
      describe: () => this.current.router.describe(),
    };
  }

  static async create(o: ProviderRegistryOptions): Promise<ProviderRegistry> {
    const registry = new ProviderRegistry(o);
    registry.current = await registry.build();
    if (o.source.version) registry.task.start();
    return registry;
  }

  get source(): 'database' | 'config' {
    return this.o.source.kind;
  }
  get instances() {
    return this.current.instances;
  }
  get modelNames() {
    return this.current.modelNames;
  }
  get failures() {
    return this.current.failures;
  }
  /** Provider instances and models as the console sees them (keys only as set/last four). */
  get catalog(): { providers: CatalogProvider[]; models: ModelConfig[] } {
    return { providers: this.current.providers, models: this.current.models };
  }
  get plugins(): Map<string, ProviderPlugin> {
    return this.o.plugins.plugins;
  }

  /** Rebuilds from the catalog now (after this instance changed it); resolves when the new router serves. */
  reload(): Promise<void> {
    return this.task.runNow(() => this.rebuild());
  }

  /** Rebuilds soon (another instance changed the catalog); failures are logged and the old router keeps serving. */
  reloadSoon(): void {
    this.task.trigger();
  }

  async close(): Promise<void> {
    await this.task.stop();
    this.current.retired = true;
    await Promise.allSettled([closeGeneration(this.current), ...[...this.retired].map(closeGeneration)]);
  }

  private async rebuild(): Promise<void> {
    const next = await this.build();
    const previous = this.current;
    this.current = next;
    previous.retired = true;
    this.retired.add(previous);
    if (previous.users === 0) this.dispose(previous);
    this.o.logger.info({ version: next.version, providers: next.providers.map((p) => p.id), models: [...next.modelNames] }, 'providers reloaded');
  }

  private async build(): Promise<Generation> {
    const catalog = await this.o.source.load();
    const env = this.o.env ?? process.env;
    const failures: LoadFailure[] = [...this.o.plugins.failures];
    const running: ProviderEntry[] = [];
    for (const p of catalog.providers) {
      if (!p.enabled) failures.push({ id: p.id, reason: 'disabled' });
      else if (p.keyError) failures.push({ id: p.id, reason: p.keyError });
      else running.push(toEntry(p));
    }
    const created = createProviders({ providers: running, plugins: this.o.plugins.plugins, pluginFailures: this.o.plugins.failures, env, logger: this.o.logger });
    failures.push(...created.failures);
    const keys = [
      ...catalog.providers.flatMap((p) => (p.apiKey ? [p.apiKey] : [])),
      ...catalog.providers.flatMap((p) => (p.apiKeyEnv && env[p.apiKeyEnv] ? [env[p.apiKeyEnv]!] : [])),
    ];
    const settings = new Map(catalog.providers.map((p) => [p.id, settingsOf(p, env)]));
    for (const [id, h] of this.health) if (settings.get(id) !== h.settings) this.health.delete(id);
    const health = new Map<string, ProviderHealth>(this.health);
    const router = createRouter({
      config: { providers: catalog.providers.map(toEntry), models: catalog.models, resilience: this.o.resilience },
      providers: created.providers,
      features: created.features,
      onAttemptFailure: logAttemptFailure(this.o.logger, keys),
      health,
    });
    for (const [id, h] of health) if (settings.has(id)) this.health.set(id, { ...h, settings: settings.get(id)! });
    return {
      router,
      instances: created.providers,
      modelNames: new Set(catalog.models.map((m) => m.name)),
      failures,
      providers: catalog.providers.map(({ apiKey: _key, keyError: _error, ...view }) => view),
      models: catalog.models,
      version: catalog.version,
      users: 0,
      retired: false,
    };
  }

  private enter(): Generation {
    const g = this.current;
    g.users++;
    return g;
  }

  private leave(g: Generation): void {
    g.users--;
    if (g.retired && g.users === 0) this.dispose(g);
  }

  private async *use(start: (g: Generation) => AsyncIterable<RouterEvent>): AsyncGenerator<RouterEvent> {
    const g = this.enter();
    try {
      yield* start(g);
    } finally {
      this.leave(g);
    }
  }

  private dispose(g: Generation): void {
    void closeGeneration(g)
      .catch((error) => this.o.logger.warn({ err: error }, 'closing replaced provider instances failed'))
      .finally(() => this.retired.delete(g));
  }
}

function closeGeneration(g: Generation): Promise<void> {
  g.closed ??= Promise.allSettled([...g.instances.values()].map((p) => p.close?.())).then(() => undefined);
  return g.closed;
}

/** What an instance was built from (the key as a hash), to tell whether its breaker still speaks for it. */
function settingsOf(p: CatalogProvider & { apiKey?: string }, env: NodeJS.ProcessEnv): string {
  const key = p.apiKey ?? (p.apiKeyEnv ? env[p.apiKeyEnv] : undefined) ?? '';
  return JSON.stringify([p.plugin, p.baseUrl, p.options, p.maxConcurrent, p.enabled, createHash('sha256').update(key).digest('hex')]);
}

function toEntry(p: CatalogProvider & { apiKey?: string }): ProviderEntry {
  return {
    id: p.id,
    plugin: p.plugin,
    ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}),
    ...(p.apiKeyEnv ? { apiKeyEnv: p.apiKeyEnv } : {}),
    ...(p.apiKey ? { apiKey: p.apiKey } : {}),
    options: p.options,
    ...(p.maxConcurrent ? { maxConcurrent: p.maxConcurrent } : {}),
  };
}
