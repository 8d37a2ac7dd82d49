/** Start-up of the provider catalog: where it comes from, its keys, and the registry over it. */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ClusterBus } from '../../cluster/bus.ts';
import type { GatewayConfig } from '../../config/index.ts';
import { loadPlugins } from '../../plugin-host/index.ts';
import { configCatalogSource, databaseCatalogSource, resealStoredKeys, seedCatalogFromConfig } from './catalog-sources.ts';
import { ProviderRegistry, type CatalogSource } from './provider-registry.ts';
import { PROVIDERS_CHANGED } from './providers.service.ts';
import { resolveSecretBox, type SecretKeySettings } from './secret-key.ts';

export { ProviderRegistry } from './provider-registry.ts';

/**
 * Loads the plugins and builds the registry from the database (seeded from the
 * config file, stored keys re-sealed after a rotation) or from the config file.
 */
export async function startProviderCatalog(o: {
  config: GatewayConfig;
  from: 'database' | 'config';
  pool: Pool;
  secrets: SecretKeySettings;
  logger: Logger;
  pollMs?: number;
}) {
  const secretBox = resolveSecretBox(o.secrets, o.logger);
  let source: CatalogSource;
  if (o.from === 'database') {
    await seedCatalogFromConfig(o.pool, o.config, o.logger);
    if (secretBox) await resealStoredKeys(o.pool, secretBox, o.logger);
    source = databaseCatalogSource(o.pool, secretBox, o.logger);
  } else {
    source = configCatalogSource(o.config);
  }
  const plugins = await loadPlugins({ dirs: o.config.plugins.dirs, packages: o.config.plugins.packages, logger: o.logger });
  const registry = await ProviderRegistry.create({ plugins, resilience: o.config.resilience, source, logger: o.logger, pollMs: o.pollMs });
  o.logger.info({ source: source.kind, plugins: [...plugins.plugins.keys()], providers: [...registry.instances.keys()], models: [...registry.modelNames] }, 'providers ready');
  return { registry, secretBox };
}

/** Another instance changed the catalog: rebuild here too (chats in flight keep their router). */
export function followCatalogChanges(bus: ClusterBus, registry: ProviderRegistry, instanceId: string): void {
  bus.subscribe(PROVIDERS_CHANGED, (payload) => {
    if ((payload as { origin?: string } | null)?.origin !== instanceId) registry.reloadSoon();
  });
}
