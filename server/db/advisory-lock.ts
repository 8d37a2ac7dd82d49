import type { Pool, PoolClient } from 'pg';

/**
 * Wraps a background pass so one gateway instance at a time runs it: the pass
 * runs on a connection holding the session-level advisory lock `key`; where
 * another instance holds it, the pass is skipped and resolves to null.
 *
 * The pass should do its database work on `db`: on a pool of one connection
 * (the embedded database), a pass that queries the same pool again would wait
 * for itself. The jobs that call one database function per batch (sealer,
 * rollup, retention) lock inside that function instead, with a
 * transaction-level lock (server/db/functions/).
 */
export function withAdvisoryLock<T>(pool: Pool, key: string, pass: (db: PoolClient) => Promise<T>): () => Promise<T | null> {
  return async () => {
    const db = await pool.connect();
    try {
      const { rows } = await db.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [key]);
      if (!rows[0].locked) return null;
      try {
        return await pass(db);
      } finally {
        await db.query('select pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      db.release();
    }
  };
}
