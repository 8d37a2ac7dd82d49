import pg from 'pg';

/**
 * Plain `pg` pools for the chat hot path: prepared statements, no ORM on the
 * way. `relaxed` connections commit without waiting for the WAL flush; only
 * quota reservations use it, since a reservation lost in a database crash
 * merely frees quota that the settlement (always durable) then corrects.
 */
export interface SqlPools {
  durable: pg.Pool;
  relaxed: pg.Pool;
  close(): Promise<void>;
}

export interface SqlPoolOptions {
  max: number;
  /**
   * The embedded database serves every connection from one backend session, so
   * a statement prepared by name on one connection already exists for all the
   * others (and for a replacement connection). There, statements run unnamed.
   */
  sharedSession?: boolean;
}

export function createSqlPools(connectionString: string, { max, sharedSession = false }: SqlPoolOptions): SqlPools {
  // A database that does not answer a connect in 5 s counts as unreachable (SERVICE_UNAVAILABLE, spool).
  const durable = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  const relaxed = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000, options: '-c synchronous_commit=off' });
  for (const pool of [durable, relaxed]) {
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    if (sharedSession) {
      const query = pool.query.bind(pool) as (config: unknown, values?: unknown) => Promise<unknown>;
      pool.query = ((config: unknown, values?: unknown) =>
        query(config && typeof config === 'object' && 'name' in config ? { ...config, name: undefined } : config, values)) as typeof pool.query;
    }
  }
  return {
    durable,
    relaxed,
    async close() {
      await Promise.all([durable.end(), relaxed.end()]);
    },
  };
}
