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

export function createSqlPools(connectionString: string, max: number): SqlPools {
  const durable = new pg.Pool({ connectionString, max });
  const relaxed = new pg.Pool({ connectionString, max, options: '-c synchronous_commit=off' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  durable.on('error', () => {});
  relaxed.on('error', () => {});
  return {
    durable,
    relaxed,
    async close() {
      await Promise.all([durable.end(), relaxed.end()]);
    },
  };
}
