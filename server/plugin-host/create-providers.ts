/** Turns the config's provider entries into running Provider instances. */
import { contentText, TEXT_ONLY, type PluginFeatures, type Provider, type ProviderPlugin } from '../../plugins/plugin-api.ts';
import type { ProviderConfig } from '../config/schema.ts';
import type { HostLogger, LoadFailure } from './load-plugins.ts';

/** An instance to create; `apiKey` (a key stored in the database, opened) wins over `apiKeyEnv`. */
export type ProviderEntry = ProviderConfig & { apiKey?: string };

export interface CreateProvidersOptions {
  providers: ProviderEntry[];
  plugins: Map<string, ProviderPlugin>;
  /** Plugin load failures, so an instance of a refused plugin says why. */
  pluginFailures?: LoadFailure[];
  env?: NodeJS.ProcessEnv;
  logger?: HostLogger;
}

export interface CreatedProviders {
  /** Running instances by instance id; a failed instance is absent (the router treats it as unavailable). */
  providers: Map<string, Provider>;
  /** What each running instance can serve, by instance id (see `featuresOf`); hand it to `createRouter`. */
  features: Map<string, PluginFeatures>;
  failures: LoadFailure[];
}

/**
 * The features an instance serves: its plugin's declaration (text only for
 * version 1 plugins and plugins that declare none), with embeddings only when
 * the instance really has `embed`.
 */
export function featuresOf(plugin: ProviderPlugin<any>, provider: Provider): PluginFeatures {
  if (plugin.apiVersion === 1 || !plugin.features) return TEXT_ONLY;
  return { ...plugin.features, embeddings: plugin.features.embeddings && typeof provider.embed === 'function' };
}

/**
 * Validates each instance's options with its plugin's schema, reads its API key
 * from the environment and calls `create`. A failing instance is reported by id
 * and skipped; the others still serve.
 */
export function createProviders(o: CreateProvidersOptions): CreatedProviders {
  const env = o.env ?? process.env;
  const providers = new Map<string, Provider>();
  const features = new Map<string, PluginFeatures>();
  const failures: LoadFailure[] = [];
  for (const cfg of o.providers) {
    const fail = (reason: string) => failures.push({ id: cfg.id, reason });
    const plugin = o.plugins.get(cfg.plugin);
    if (!plugin) {
      const why = o.pluginFailures?.find((f) => f.id === cfg.plugin)?.reason;
      fail(`plugin "${cfg.plugin}" is not available${why ? `: ${why}` : ''}`);
      continue;
    }
    const parsed = plugin.configSchema.safeParse(cfg.options ?? {});
    if (!parsed.success) {
      fail(parsed.error.issues.map((i) => `options${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}: ${i.message}`).join('; '));
      continue;
    }
    let apiKey = cfg.apiKey;
    if (!apiKey && cfg.apiKeyEnv) {
      apiKey = env[cfg.apiKeyEnv];
      if (!apiKey) {
        fail(`environment variable ${cfg.apiKeyEnv} is not set`);
        continue;
      }
    }
    try {
      const provider = plugin.create({ instanceId: cfg.id, baseUrl: cfg.baseUrl, apiKey, options: parsed.data });
      providers.set(cfg.id, plugin.apiVersion === 1 ? adaptVersion1(provider) : provider);
      features.set(cfg.id, featuresOf(plugin, provider));
      if (plugin.features?.embeddings && !provider.embed) o.logger?.warn({ provider: cfg.id }, 'plugin declares embeddings but the instance has no embed; served without them');
    } catch (err) {
      fail(`create failed: ${(err as Error).message ?? err}`);
    }
  }
  for (const f of failures) o.logger?.warn({ provider: f.id, reason: f.reason }, 'provider unavailable');
  return { providers, features, failures };
}

/**
 * A version 1 provider reads every message's content as a string: hand it the
 * text (the router never sends it images or tools, as it serves it text only).
 * Version 1 knew no `embed`, so whatever such an object carries is not offered.
 */
function adaptVersion1(provider: Provider): Provider {
  return {
    chat: (request) => provider.chat({ ...request, messages: request.messages.map((m) => ({ role: m.role, content: contentText(m.content) })) }),
    listModels: (signal) => provider.listModels(signal),
    health: (signal) => provider.health(signal),
    close: provider.close ? () => provider.close!() : undefined,
  };
}
