import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool, PoolClient } from 'pg';
import type { ModelConfig, ProviderConfig } from '../../config/index.ts';

/** The SQL of provider instances (provider_instance), gateway models and their routes (gateway_model, gateway_model_target). */

/** A provider instance as stored; the key only as ciphertext. */
export interface ProviderRow {
  id: string;
  plugin: string;
  baseUrl: string | null;
  options: Record<string, unknown>;
  apiKeyEnv: string | null;
  apiKeyCiphertext: string | null;
  apiKeyKeyId: string | null;
  apiKeyLast4: string | null;
  maxConcurrent: number | null;
  enabled: boolean;
}

type Target = ModelConfig['primary'];

/** A gateway model and its route as stored (the shape of the config's `models[]`). */
export type ModelRow = Pick<ModelConfig, 'name' | 'primary' | 'fallbacks' | 'capabilities'>;

interface ProviderDbRow {
  id: string;
  plugin: string;
  base_url: string | null;
  options: Record<string, unknown>;
  api_key_env: string | null;
  api_key_ciphertext: string | null;
  api_key_key_id: string | null;
  api_key_last4: string | null;
  max_concurrent: number | null;
  enabled: boolean;
}

const toProvider = (r: ProviderDbRow): ProviderRow => ({
  id: r.id,
  plugin: r.plugin,
  baseUrl: r.base_url,
  options: r.options ?? {},
  apiKeyEnv: r.api_key_env,
  apiKeyCiphertext: r.api_key_ciphertext,
  apiKeyKeyId: r.api_key_key_id,
  apiKeyLast4: r.api_key_last4,
  maxConcurrent: r.max_concurrent,
  enabled: r.enabled,
});

interface ModelDbRow {
  name: string;
  capabilities: ModelConfig['capabilities'] | null;
  targets: { provider: string; model: string; capabilities: Target['capabilities'] | null }[];
}

const toModel = (r: ModelDbRow): ModelRow => {
  const [primary, ...fallbacks] = r.targets.map((t) => ({ provider: t.provider, model: t.model, ...(t.capabilities ? { capabilities: t.capabilities } : {}) }));
  return { name: r.name, primary, fallbacks, ...(r.capabilities ? { capabilities: r.capabilities } : {}) };
};

const MODELS_SQL = `select m.name, m.capabilities,
  coalesce(json_agg(json_build_object('provider', t.provider_id, 'model', t.provider_model, 'capabilities', t.capabilities) order by t.position)
    filter (where t.position is not null), '[]') as targets
  from gateway_model m left join gateway_model_target t on t.model_name = m.name`;

/** Everything the registry builds a router from, in one snapshot. */
export async function loadCatalog(pool: Pool): Promise<{ version: number; providers: ProviderRow[]; models: ModelRow[] }> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const version = await client.query<{ version: string }>('select version from provider_catalog');
    const providers = await client.query<ProviderDbRow>('select * from provider_instance order by seq');
    const models = await client.query<ModelDbRow>(`${MODELS_SQL} group by m.name order by min(m.seq)`);
    await client.query('commit');
    return { version: Number(version.rows[0]?.version ?? 0), providers: providers.rows.map(toProvider), models: models.rows.filter((m) => m.targets.length).map(toModel) };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The catalog's change counter, polled by instances that may have missed a bus message. */
export async function catalogVersion(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ version: string }>('select version from provider_catalog');
  return Number(rows[0]?.version ?? 0);
}

/**
 * Adds the config file's providers and models the database lacks, in one
 * transaction (instances starting together insert each entry once). What the
 * database already holds is kept: after the first start the console is the
 * source of truth. Returns the names added.
 */
export async function seedCatalog(pool: Pool, providers: ProviderConfig[], models: ModelConfig[]): Promise<{ providers: string[]; models: string[]; kept: { removed: string[]; noProvider: string[] } }> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const added = { providers: [] as string[], models: [] as string[], kept: { removed: [] as string[], noProvider: [] as string[] } };
    // What the console deleted stays deleted, though the file still lists it.
    const removed = new Set((await client.query<{ key: string }>(`select kind || ':' || name as key from catalog_removed`)).rows.map((r) => r.key));
    for (const p of providers) {
      if (removed.has(`provider:${p.id}`)) {
        added.kept.removed.push(p.id);
        continue;
      }
      const { rowCount } = await client.query(
        `insert into provider_instance (id, plugin, base_url, options, api_key_env, max_concurrent) values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing`,
        [p.id, p.plugin, p.baseUrl ?? null, JSON.stringify(p.options ?? {}), p.apiKeyEnv ?? null, p.maxConcurrent ?? null],
      );
      if (rowCount) added.providers.push(p.id);
    }
    const present = new Set((await client.query<{ id: string }>('select id from provider_instance')).rows.map((r) => r.id));
    const stored = new Set((await client.query<{ name: string }>('select name from gateway_model')).rows.map((r) => r.name));
    for (const m of models) {
      if (removed.has(`model:${m.name}`)) {
        added.kept.removed.push(m.name);
        continue;
      }
      // A model routing to a provider the console deleted is not seeded: its route would name nothing.
      if (stored.has(m.name)) continue;
      if ([m.primary, ...m.fallbacks].some((t) => !present.has(t.provider))) {
        added.kept.noProvider.push(m.name);
        continue;
      }
      const { rowCount } = await client.query(`insert into gateway_model (name, capabilities) values ($1, $2) on conflict (name) do nothing`, [m.name, m.capabilities ? JSON.stringify(m.capabilities) : null]);
      if (!rowCount) continue;
      await insertTargets(client, m.name, [m.primary, ...m.fallbacks]);
      added.models.push(m.name);
    }
    if (added.providers.length || added.models.length) await client.query('update provider_catalog set version = version + 1');
    await client.query('commit');
    return added;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function insertTargets(client: PoolClient | EntityManager, model: string, targets: Target[]): Promise<void> {
  // One row per target: routes are short, and the ORM's driver expands array parameters into lists.
  for (const [position, t] of targets.entries()) {
    const values = [model, position, t.provider, t.model, t.capabilities ? JSON.stringify(t.capabilities) : null];
    const sql = 'insert into gateway_model_target (model_name, position, provider_id, provider_model, capabilities) values ($1, $2, $3, $4, $5)';
    if ('query' in client) await client.query(sql, values);
    else await client.execute(sql.replace(/\$\d/g, '?'), values);
  }
}

/** Stored keys sealed by another key than the current one (a rotation in progress). */
export async function providersSealedWithOtherKeys(pool: Pool, keyId: string): Promise<ProviderRow[]> {
  const { rows } = await pool.query<ProviderDbRow>('select * from provider_instance where api_key_key_id is not null and api_key_key_id <> $1', [keyId]);
  return rows.map(toProvider);
}

/** Replaces a key's ciphertext, only if it is still the one that was read (a concurrent edit wins). */
export async function resealProviderKey(pool: Pool, id: string, from: string, to: { ciphertext: string; keyId: string }): Promise<boolean> {
  const { rowCount } = await pool.query('update provider_instance set api_key_ciphertext = $3, api_key_key_id = $4 where id = $1 and api_key_ciphertext = $2', [id, from, to.ciphertext, to.keyId]);
  return Boolean(rowCount);
}

// ---- changes made through GraphQL, each inside the caller's transaction (with its audit record)

export async function lockProvider(em: EntityManager, id: string): Promise<ProviderRow | null> {
  const [row] = await em.execute<ProviderDbRow[]>('select * from provider_instance where id = ? for update', [id]);
  return row ? toProvider(row) : null;
}

export async function insertProvider(em: EntityManager, p: Omit<ProviderRow, 'apiKeyEnv'>): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into provider_instance (id, plugin, base_url, options, api_key_ciphertext, api_key_key_id, api_key_last4, max_concurrent, enabled)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing returning id`,
    [p.id, p.plugin, p.baseUrl, JSON.stringify(p.options), p.apiKeyCiphertext, p.apiKeyKeyId, p.apiKeyLast4, p.maxConcurrent, p.enabled],
  );
  if (rows.length) await forgetRemoval(em, 'provider', p.id);
  return rows.length > 0;
}

export async function updateProviderRow(em: EntityManager, p: ProviderRow): Promise<void> {
  await em.execute(
    `update provider_instance set plugin = ?, base_url = ?, options = ?, api_key_env = ?, api_key_ciphertext = ?, api_key_key_id = ?, api_key_last4 = ?,
       max_concurrent = ?, enabled = ?, updated_at = now() where id = ?`,
    [p.plugin, p.baseUrl, JSON.stringify(p.options), p.apiKeyEnv, p.apiKeyCiphertext, p.apiKeyKeyId, p.apiKeyLast4, p.maxConcurrent, p.enabled, p.id],
  );
}

/** Models whose route names the provider. */
export async function modelsRoutingTo(em: EntityManager, provider: string): Promise<string[]> {
  const rows = await em.execute<{ model_name: string }[]>('select distinct model_name from gateway_model_target where provider_id = ? order by model_name', [provider]);
  return rows.map((r) => r.model_name);
}

export async function deleteProviderRow(em: EntityManager, id: string): Promise<void> {
  await em.execute('delete from provider_instance where id = ?', [id]);
  await recordRemoval(em, 'provider', id);
}

/** Remembers a console deletion, so the config file does not seed the entry back at the next start. */
async function recordRemoval(em: EntityManager, kind: 'provider' | 'model', name: string): Promise<void> {
  await em.execute(`insert into catalog_removed (kind, name) values (?, ?) on conflict (kind, name) do update set removed_at = now()`, [kind, name]);
}

/** Created again in the console: the file may seed it again after a later deletion only. */
async function forgetRemoval(em: EntityManager, kind: 'provider' | 'model', name: string): Promise<void> {
  await em.execute('delete from catalog_removed where kind = ? and name = ?', [kind, name]);
}

export async function lockModel(em: EntityManager, name: string): Promise<ModelRow | null> {
  await em.execute('select 1 from gateway_model where name = ? for update', [name]);
  const [row] = await em.execute<ModelDbRow[]>(`${MODELS_SQL} where m.name = ? group by m.name`, [name]);
  return row ? toModel(row) : null;
}

/** Existing provider ids among `ids`, locked against deletion until the transaction ends. */
export async function lockProvidersShared(em: EntityManager, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await em.execute<{ id: string }[]>(`select id from provider_instance where id in (${ids.map(() => '?').join(', ')}) for share`, ids);
  return new Set(rows.map((r) => r.id));
}

export async function insertModel(em: EntityManager, m: ModelRow): Promise<boolean> {
  const rows = await em.execute<{ name: string }[]>('insert into gateway_model (name, capabilities) values (?, ?) on conflict (name) do nothing returning name', [
    m.name,
    m.capabilities ? JSON.stringify(m.capabilities) : null,
  ]);
  if (!rows.length) return false;
  await insertTargets(em, m.name, [m.primary, ...m.fallbacks]);
  await forgetRemoval(em, 'model', m.name);
  return true;
}

export async function replaceModel(em: EntityManager, m: ModelRow): Promise<void> {
  await em.execute('update gateway_model set capabilities = ?, updated_at = now() where name = ?', [m.capabilities ? JSON.stringify(m.capabilities) : null, m.name]);
  await em.execute('delete from gateway_model_target where model_name = ?', [m.name]);
  await insertTargets(em, m.name, [m.primary, ...m.fallbacks]);
}

export async function deleteModelRow(em: EntityManager, name: string): Promise<void> {
  await em.execute('delete from gateway_model where name = ?', [name]);
  await recordRemoval(em, 'model', name);
}

/** Every change bumps the counter in its own transaction, so pollers see it once it commits. */
export async function bumpCatalogVersion(em: EntityManager): Promise<void> {
  await em.execute('update provider_catalog set version = version + 1');
}
