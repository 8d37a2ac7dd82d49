/** Builds routers over real plugins and fake upstreams for the scenario tests. */
import type { PluginFeatures, Provider, ProviderPlugin } from '../../plugins/plugin-api.ts';
import { parseConfig } from '../../server/config/load-config.ts';
import { featuresOf } from '../../server/plugin-host/create-providers.ts';
import { RouterError } from '../../server/router/errors.ts';
import { createRouter, type AttemptFailure, type Router, type RouterEvent, type RouterRequest } from '../../server/router/router.ts';

/** Fast resilience settings; tests override what they exercise. */
export const FAST = { maxRetries: 1, baseBackoffMs: 1, maxBackoffMs: 1000, attemptTimeoutMs: 5000, circuit: { failureThreshold: 5, openMs: 30_000 } };

export interface InstanceSpec {
  id: string;
  plugin: ProviderPlugin<any>;
  baseUrl?: string;
  options?: unknown;
  apiKey?: string;
  /** This target's capability overrides in the model `m`. */
  capabilities?: Partial<Record<'vision' | 'tools' | 'json' | 'embeddings', boolean>>;
}

export interface Harness {
  router: Router;
  providers: Map<string, Provider>;
  close(): Promise<void>;
}

/** One model `m` whose chain is the given instances in order (model id `fake-model-a`). */
export function harness(
  instances: InstanceSpec[],
  resilience: Record<string, unknown> = {},
  extra: { skipCreate?: string[]; onAttemptFailure?: (failure: AttemptFailure) => void; capabilities?: Record<string, unknown>; maxConcurrent?: number } = {},
): Harness {
  const target = (i: InstanceSpec) => ({ provider: i.id, model: 'fake-model-a', ...(i.capabilities && { capabilities: i.capabilities }) });
  const config = parseConfig({
    providers: instances.map((i) => ({ id: i.id, plugin: i.plugin.id, baseUrl: i.baseUrl, ...(extra.maxConcurrent && { maxConcurrent: extra.maxConcurrent }) })),
    models: [
      {
        name: 'm',
        primary: target(instances[0]),
        fallbacks: instances.slice(1).map(target),
        ...(extra.capabilities && { capabilities: extra.capabilities }),
      },
    ],
    resilience: { ...FAST, ...resilience },
  });
  const providers = new Map<string, Provider>();
  const features = new Map<string, PluginFeatures>();
  for (const i of instances) {
    if (extra.skipCreate?.includes(i.id)) continue;
    const provider = i.plugin.create({ instanceId: i.id, baseUrl: i.baseUrl, apiKey: i.apiKey, options: i.plugin.configSchema.parse(i.options ?? {}) });
    providers.set(i.id, provider);
    features.set(i.id, featuresOf(i.plugin, provider));
  }
  return {
    router: createRouter({ config, providers, features, random: () => 0, onAttemptFailure: extra.onAttemptFailure }),
    providers,
    async close() {
      await Promise.all([...providers.values()].map((p) => p.close?.()));
    },
  };
}

export const hello: RouterRequest = { messages: [{ role: 'user', content: 'Say hello.' }] };

export interface RunResult {
  text: string;
  deltas: number;
  done?: Extract<RouterEvent, { type: 'done' }>;
  error?: RouterError;
  ms: number;
}

/** Drains one routed request; a non-RouterError fails the test. */
export async function run(router: Router, signal?: AbortSignal, onDelta?: () => void, model = 'm'): Promise<RunResult> {
  const start = performance.now();
  const out: RunResult = { text: '', deltas: 0, ms: 0 };
  try {
    for await (const ev of router.stream(model, hello, signal)) {
      if (ev.type === 'delta') {
        out.text += ev.text;
        out.deltas++;
        onDelta?.();
      } else if (ev.type === 'done') out.done = ev;
    }
  } catch (err) {
    if (!(err instanceof RouterError)) throw err;
    out.error = err;
  }
  out.ms = performance.now() - start;
  return out;
}
