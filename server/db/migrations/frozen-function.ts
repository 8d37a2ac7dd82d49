import { readFileSync } from 'node:fs';

/**
 * The definition of a database function exactly as one migration installed it,
 * read from that migration's folder (`migrations/<migration>/<name>.sql`).
 *
 * The current definition of every function lives in `server/db/functions/<name>.sql`
 * (the source of truth; `test/db/function-definitions.test.ts` compares those files
 * with what a migrated database holds). A migration never loads that live file:
 * it keeps a frozen copy of what it installed, so an old migration behaves the
 * same forever however the function changes later.
 *
 * To change a function: edit `server/db/functions/<name>.sql`, add a migration,
 * copy the file into the migration's folder and install it with
 * `this.addSql(frozenFunction('<migration>', '<name>'))`.
 */
export function frozenFunction(migration: string, name: string): string {
  return readFileSync(new URL(`./${migration}/${name}.sql`, import.meta.url), 'utf8');
}
