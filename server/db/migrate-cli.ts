import { resolve } from 'node:path';
import { startEmbeddedDatabase } from './embedded.ts';
import { initOrm, migrateUp } from './orm.ts';

// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in ZERO_DATA_DIR.
const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase(resolve(process.env.ZERO_DATA_DIR ?? '.zero', 'pgdata'));
const orm = await initOrm({ clientUrl: process.env.DATABASE_URL ?? embedded!.url, poolMax: 1, log: () => {} });
try {
  const applied = await migrateUp(orm);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await orm.close(true);
  await embedded?.stop();
}
