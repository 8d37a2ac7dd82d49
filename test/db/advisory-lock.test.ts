import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withAdvisoryLock } from '../../server/db/advisory-lock.ts';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.ts';

// Two gateway instances are two pools on one PostgreSQL (the embedded database serves one process).
let database: TestDatabase;
let pools: pg.Pool[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  if (database.url) pools = [0, 1].map(() => new pg.Pool({ connectionString: database.url, max: 2 }));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await database.drop();
});

it.skipIf(!process.env.DATABASE_URL)('runs a locked pass on one instance at a time; the others skip it', async () => {
  let release!: () => void;
  let entered!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const [a, b] = pools.map((pool) => withAdvisoryLock(pool, 'zero_test_job', async (db) => (await db.query('select 1 as one')).rows[0].one));
  const first = withAdvisoryLock(pools[0], 'zero_test_job', async () => {
    entered();
    await held;
    return 'first';
  })();
  await inside;
  expect(await b()).toBeNull();
  release();
  expect(await first).toBe('first');
  // Released: either instance gets it again.
  expect(await b()).toBe(1);
  expect(await a()).toBe(1);
});
