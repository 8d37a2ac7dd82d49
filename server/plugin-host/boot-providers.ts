/** Start-up convenience: load plugins named by the config, then create its provider instances. */
import type { PluginFeatures, Provider, ProviderPlugin } from '../../plugins/plugin-api.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createProviders } from './create-providers.ts';
import { loadPlugins, type HostLogger, type LoadFailure } from './load-plugins.ts';

export interface BootedProviders {
  plugins: Map<string, ProviderPlugin>;
  /** Running instances by id; hand this to `createRouter`. */
  providers: Map<string, Provider>;
  /** What each running instance can serve, by id; hand this to `createRouter` too. */
  features: Map<string, PluginFeatures>;
  /** Refused plugins and unavailable instances, each by name with the reason. */
  failures: { plugins: LoadFailure[]; providers: LoadFailure[] };
  /** Closes every instance's connection pool. */
  close(): Promise<void>;
}

export async function bootProviders(o: {
  config: Pick<GatewayConfig, 'plugins' | 'providers'>;
  logger?: HostLogger;
  env?: NodeJS.ProcessEnv;
}): Promise<BootedProviders> {
  const loaded = await loadPlugins({ dirs: o.config.plugins.dirs, packages: o.config.plugins.packages, logger: o.logger });
  const created = createProviders({
    providers: o.config.providers,
    plugins: loaded.plugins,
    pluginFailures: loaded.failures,
    env: o.env,
    logger: o.logger,
  });
  return {
    plugins: loaded.plugins,
    providers: created.providers,
    features: created.features,
    failures: { plugins: loaded.failures, providers: created.failures },
    async close() {
      await Promise.allSettled([...created.providers.values()].map((p) => p.close?.()));
    },
  };
}
