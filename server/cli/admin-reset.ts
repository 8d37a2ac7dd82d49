import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmbeddedDatabase } from '../db/embedded.ts';
import { initOrm, migrateUp } from '../db/orm.ts';
import { AppError } from '../errors.ts';
import { resetAdminAccess } from '../modules/auth/admin-reset.ts';
import { notifyGateways } from '../cluster/bus.ts';
import { CREDENTIALS_TOPIC } from '../modules/auth/credential-changes.ts';
import { LoginThrottle } from '../modules/auth/login-throttle.ts';

// `npm run admin:reset -- --email someone@example.com`: restores admin access to a locked-out
// installation. Needs what `npm start` needs to reach the database (DATABASE_URL, or the
// embedded database in ZERO_DATA_DIR), so only someone who could edit the database can run it.
const USAGE = `usage: npm run admin:reset -- --email <email> [--force]

Creates or reactivates that user, grants the built-in admin role, sets a new
password (ZERO_ADMIN_PASSWORD, or a generated one printed once), ends the
user's sessions and writes an admin.reset audit record.
Database: DATABASE_URL, or the embedded database in ZERO_DATA_DIR (default .zero),
which must not be in use by a running gateway (--force skips that check).
`;

let args;
try {
  args = parseArgs({ options: { email: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help || !args.email) {
  process.stderr.write(USAGE);
  process.exit(args.help ? 0 : 2);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const pgdata = resolve(process.env.ZERO_DATA_DIR ?? '.zero', 'pgdata');
if (!databaseUrl && existsSync(resolve(pgdata, 'postmaster.pid')) && !args.force) {
  process.stderr.write(`The embedded database in ${pgdata} is in use (or was not shut down cleanly). Stop the gateway first, then run this again (--force if none is running).\n`);
  process.exit(1);
}

const embedded = databaseUrl ? undefined : await startEmbeddedDatabase(pgdata);
const url = databaseUrl ?? embedded!.url;
const orm = await initOrm({ clientUrl: url, poolMax: 1, log: () => {} });
const pool = new pg.Pool({ connectionString: url, max: 1 });
try {
  await migrateUp(orm);
  const result = await resetAdminAccess(orm.em.fork(), {
    email: args.email,
    password: process.env.ZERO_ADMIN_PASSWORD || undefined,
    operator: `${userInfo().username}@${hostname()}`,
  });
  await new LoginThrottle(pool).forget(result.email);
  // Gateways running on this database drop cached credentials and re-check live subscriptions now.
  if (databaseUrl) await notifyGateways(pool, CREDENTIALS_TOPIC, { reason: 'sessions.ended', userId: result.userId });
  const what = result.created ? 'created' : result.previousStatus !== 'ACTIVE' ? `reactivated (was ${result.previousStatus?.toLowerCase()})` : 'reset';
  const password = result.generatedPassword ? `password: ${result.generatedPassword}` : 'password: from ZERO_ADMIN_PASSWORD';
  process.stdout.write(
    `\nAdmin access restored. email: ${result.email}  ${password}\n` +
      `The account was ${what}${result.grantedAdmin ? ' and given the admin role' : ''}; ${result.endedSessions} session(s) ended. ` +
      `The password is shown this once; an admin.reset audit record was written.\n\n`,
  );
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
  await orm.close(true);
  await embedded?.stop();
}
