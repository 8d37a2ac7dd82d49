/** Turns the config's provider entries into running Provider instances. */
import { contentText, type Provider, type ProviderPlugin } from '../../plugins/plugin-api.ts';
import type { ProviderConfig } from '../config/schema.ts';
import type { HostLogger, LoadFailure } from './load-plugins.ts';

export interface CreateProvidersOptions {
  providers: ProviderConfig[];
  plugins: Map<string, ProviderPlugin>;
  /** Plugin load failures, so an instance of a refused plugin says why. */
  pluginFailures?: LoadFailure[];
  env?: NodeJS.ProcessEnv;
  logger?: HostLogger;
}

export interface CreatedProviders {
  /** Running instances by instance id; a failed instance is absent (the router treats it as unavailable). */
  providers: Map<string, Provider>;
  failures: LoadFailure[];
}

/**
 * Validates each instance's options with its plugin's schema, reads its API key
 * from the environment and calls `create`. A failing instance is reported by id
 * and skipped; the others still serve.
 */
export function createProviders(o: CreateProvidersOptions): CreatedProviders {
  const env = o.env ?? process.env;
  const providers = new Map<string, Provider>();
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
    let apiKey: string | undefined;
    if (cfg.apiKeyEnv) {
      apiKey = env[cfg.apiKeyEnv];
      if (!apiKey) {
        fail(`environment variable ${cfg.apiKeyEnv} is not set`);
        continue;
      }
    }
    try {
      const provider = plugin.create({ instanceId: cfg.id, baseUrl: cfg.baseUrl, apiKey, options: parsed.data });
      providers.set(cfg.id, plugin.apiVersion === 1 ? adaptVersion1(provider) : provider);
    } catch (err) {
      fail(`create failed: ${(err as Error).message ?? err}`);
    }
  }
  for (const f of failures) o.logger?.warn({ provider: f.id, reason: f.reason }, 'provider unavailable');
  return { providers, failures };
}

/**
 * A version 1 provider reads every message's content as a string: hand it the
 * text (the router never sends it images or tools, as it declares no features).
 */
function adaptVersion1(provider: Provider): Provider {
  return {
    ...provider,
    chat: (request) => provider.chat({ ...request, messages: request.messages.map((m) => ({ role: m.role, content: contentText(m.content) })) }),
  };
}
