import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.ts';
import { migrationsList } from './migrations/index.ts';

export interface OrmOptions {
  /** postgres:// URL of the database (PostgreSQL or the embedded server). */
  clientUrl: string;
  /** Connection pool size; the embedded server serves one connection. */
  poolMax?: number;
  debug?: boolean;
  /** Where the ORM's own messages (migrator progress) go. */
  log?: (message: string) => void;
}

export function ormConfig({ clientUrl, poolMax = 10, debug = false, log }: OrmOptions): Options {
  return {
    clientUrl,
    entities,
    extensions: [Migrator],
    // Never 'query-params': queries are logged with placeholders, not with bound values (passwords, hashes, prompts).
    debug: debug ? ['query', 'info', 'discovery'] : false,
    ...(log ? { logger: log } : {}),
    // Fail fast when the database is unreachable (the default waits 60 s per request); see db/unavailable.ts.
    pool: { min: 0, max: poolMax, acquireTimeoutMillis: 5_000 },
    // Entities are plain schemas (no decorators), so no metadata discovery from TypeScript.
    discovery: { warnWhenNoEntities: true },
    migrations: {
      migrationsList,
      tableName: 'zero_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    allowGlobalContext: false,
  };
}

export async function initOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** Applies pending migrations; returns the names applied. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** True when every known migration has been applied. */
export async function migrationsApplied(orm: MikroORM): Promise<boolean> {
  const pending = await orm.getMigrator().getPendingMigrations();
  return pending.length === 0;
}
