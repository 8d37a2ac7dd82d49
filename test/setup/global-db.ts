import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { initOrm, migrateUp } from '../../server/db/orm.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres:// URL of the server the tests use, or '' for the embedded database. */
    databaseBaseUrl: string;
    /** A migrated database that each test file clones (PostgreSQL only). */
    databaseTemplate: string;
  }
}

/**
 * With DATABASE_URL: migrates one template database; every test file clones it
 * (CREATE DATABASE ... TEMPLATE), which takes milliseconds. Without: each test
 * file starts its own in-memory embedded database.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('databaseBaseUrl', '');
    project.provide('databaseTemplate', '');
    return;
  }
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const template = `zg_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`DATABASE_URL is set but PostgreSQL is unreachable (${(error as Error).message}); start it or unset DATABASE_URL`);
  }
  await admin.query(`create database "${template}"`);
  const orm = await initOrm({ clientUrl: withDatabase(url, template), poolMax: 1, log: () => {} });
  await migrateUp(orm);
  await orm.close(true);
  project.provide('databaseBaseUrl', url);
  project.provide('databaseTemplate', template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`zg_%${runId}%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
