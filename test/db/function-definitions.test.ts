import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase } from '../fixtures/database.ts';

const FUNCTIONS_DIR = new URL('../../server/db/functions/', import.meta.url);

/** Whitespace runs become one space, so indentation and line breaks do not count. */
const normalise = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** A function file without its leading `--` comment lines (they explain; the database does not keep them). */
function definitionIn(file: string): string {
  const lines = readFileSync(new URL(file, FUNCTIONS_DIR), 'utf8').split('\n');
  const start = lines.findIndex((line) => !line.startsWith('--') && line.trim() !== '');
  return lines.slice(start).join('\n');
}

let client: pg.Client;
let database: Awaited<ReturnType<typeof createMigratedDatabase>> | undefined;

beforeAll(async () => {
  database = await createMigratedDatabase();
  const url = database.url;
  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe('server/db/functions holds the definition of every database function in force', () => {
  it('has one file for each function a migrated database holds, and no other', async () => {
    const { rows } = await client.query<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.prokind = 'f' order by 1`,
    );
    const files = readdirSync(FUNCTIONS_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
    expect(files).toEqual(rows.map((r) => r.name));
  });

  it('matches pg_get_functiondef of a migrated database, whitespace aside', async () => {
    const { rows } = await client.query<{ name: string; definition: string }>(
      `select p.proname as name, pg_get_functiondef(p.oid) as definition from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prokind = 'f'`,
    );
    for (const { name, definition } of rows) {
      // On a mismatch, the database's text is what the migrations installed: paste it into the file,
      // or add a migration that installs the file (server/db/migrations/frozen-function.ts).
      expect(normalise(definitionIn(`${name}.sql`)), `server/db/functions/${name}.sql`).toBe(normalise(definition));
    }
  });
});
