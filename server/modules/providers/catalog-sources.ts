/** Where the provider catalog comes from: the database (managed in the console) or the config file (read-only). */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { modelSchema, type GatewayConfig, type ModelConfig } from '../../config/index.ts';
import type { CatalogSource, LoadedCatalog } from './provider-registry.ts';
import { catalogVersion, loadCatalog, providersSealedWithOtherKeys, resealProviderKey, seedCatalog } from './providers.store.ts';
import type { SecretBox } from './secret-box.ts';

export const last4 = (key: string) => key.slice(-4);

/** The config file as the source of truth; keys come from the environment variables it names. */
export function configCatalogSource(config: Pick<GatewayConfig, 'providers' | 'models'>, env: NodeJS.ProcessEnv = process.env): CatalogSource {
  return {
    kind: 'config',
    load: async (): Promise<LoadedCatalog> => ({
      version: 0,
      providers: config.providers.map((p) => {
        const key = p.apiKeyEnv ? env[p.apiKeyEnv] : undefined;
        return {
          id: p.id,
          plugin: p.plugin,
          baseUrl: p.baseUrl ?? null,
          options: p.options ?? {},
          apiKeyEnv: p.apiKeyEnv ?? null,
          apiKeySet: Boolean(key),
          apiKeyLast4: key ? last4(key) : null,
          maxConcurrent: p.maxConcurrent ?? null,
          enabled: true,
        };
      }),
      models: config.models,
    }),
  };
}

/**
 * The database as the source of truth. Stored keys are opened here, for the
 * registry only; a key that does not open (another ZERO_SECRET_KEY, or none
 * in production) makes its instance unavailable with the reason, not the
 * whole catalog.
 */
export function databaseCatalogSource(pool: Pool, box: SecretBox | null, logger: Pick<Logger, 'warn'>): CatalogSource {
  return {
    kind: 'database',
    version: () => catalogVersion(pool),
    async load(): Promise<LoadedCatalog> {
      const catalog = await loadCatalog(pool);
      const models: ModelConfig[] = [];
      for (const m of catalog.models) {
        const parsed = modelSchema.safeParse(m);
        if (parsed.success) models.push(parsed.data);
        else logger.warn({ model: m.name, issues: parsed.error.issues }, 'stored model refused');
      }
      return {
        version: catalog.version,
        models,
        providers: catalog.providers.map((p) => {
          let apiKey: string | undefined;
          let keyError: string | undefined;
          if (p.apiKeyCiphertext) {
            if (!box) keyError = 'its API key is stored sealed, and ZERO_SECRET_KEY is not set';
            else {
              try {
                apiKey = box.open(p.apiKeyCiphertext, p.id);
              } catch (error) {
                keyError = `its API key does not open with this instance's ZERO_SECRET_KEY (${(error as Error).message})`;
              }
            }
          }
          return {
            id: p.id,
            plugin: p.plugin,
            baseUrl: p.baseUrl,
            options: p.options,
            apiKeyEnv: p.apiKeyEnv,
            apiKeySet: Boolean(p.apiKeyCiphertext),
            apiKeyLast4: p.apiKeyLast4,
            maxConcurrent: p.maxConcurrent,
            enabled: p.enabled,
            apiKey,
            keyError,
          };
        }),
      };
    },
  };
}

/** Adds the config's providers and models the database lacks (see seedCatalog). */
export async function seedCatalogFromConfig(pool: Pool, config: Pick<GatewayConfig, 'providers' | 'models'>, logger: Pick<Logger, 'info'>): Promise<void> {
  const { kept, ...added } = await seedCatalog(pool, config.providers, config.models);
  if (added.providers.length || added.models.length) logger.info(added, 'provider catalog seeded from the config file');
  if (kept.removed.length || kept.noProvider.length) logger.info({ deletedInConsole: kept.removed, routeToDeletedProvider: kept.noProvider }, 'config file entries not seeded: deleted in the console');
}

/**
 * A rotation's second half: keys sealed with ZERO_SECRET_KEY_PREVIOUS are
 * re-sealed with ZERO_SECRET_KEY. Safe on several instances at once (each row
 * changes only if it still holds what was read). Returns how many moved.
 */
export async function resealStoredKeys(pool: Pool, box: SecretBox, logger: Pick<Logger, 'info' | 'warn'>): Promise<number> {
  let moved = 0;
  for (const row of await providersSealedWithOtherKeys(pool, box.keyId)) {
    try {
      const plain = box.open(row.apiKeyCiphertext!, row.id);
      if (await resealProviderKey(pool, row.id, row.apiKeyCiphertext!, box.seal(plain, row.id))) moved++;
    } catch (error) {
      logger.warn({ provider: row.id, reason: (error as Error).message }, 'stored provider key could not be re-sealed with ZERO_SECRET_KEY');
    }
  }
  if (moved) logger.info({ keys: moved }, 'provider keys re-sealed with the current ZERO_SECRET_KEY');
  return moved;
}
