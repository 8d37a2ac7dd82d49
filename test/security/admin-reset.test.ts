import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { createGateway, type Gateway } from '../../server/gateway.ts';
import { ADMIN_EMAIL, codeOf, startTestGateway } from '../fixtures/gateway.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run admin:reset -- <args>` as an operator would, with a time limit, and collects what it printed. */
function adminReset(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin:reset', '--', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const printedPassword = (stdout: string) => /password: (\S+)/.exec(stdout)?.[1];

const noSharedDatabase = !process.env.DATABASE_URL && process.env.CI !== 'true';

describe.skipIf(noSharedDatabase)('npm run admin:reset on PostgreSQL', () => {
  test('restores a locked-out installation: the only admin disabled and stripped of the role, its password unknown', { timeout: 120_000 }, async () => {
    const gw = await startTestGateway();
    try {
      if (!gw.databaseUrl) throw new Error('this test runs the command against PostgreSQL: set DATABASE_URL');
      // The lockout, as an old version or a careless script could leave it (the API refuses to).
      const adminId = (await gw.gql('{ me { id } }', {}, gw.adminToken)).data.me.id;
      const em = gw.gateway.orm.em.fork();
      await em.execute(`update app_user set status = 'DISABLED' where id = ?`, [adminId]);
      await em.execute(`delete from user_role where user_id = ?`, [adminId]);
      gw.gateway.app.credentialCache.clear();
      expect(codeOf(await gw.gql('{ me { id } }', {}, gw.adminToken))).toBe('FORBIDDEN');

      const run = await adminReset(['--email', ADMIN_EMAIL], { DATABASE_URL: gw.databaseUrl, ZERO_ADMIN_PASSWORD: '' });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Admin access restored\. email: admin@test\.local/);
      expect(run.stdout).toMatch(/reactivated \(was disabled\) and given the admin role; 1 session\(s\) ended/);
      const password = printedPassword(run.stdout)!;
      expect(password.length).toBeGreaterThanOrEqual(20);

      // A gateway instance that starts now (no cached credentials) sees the restored admin.
      const fresh = await createGateway({ logger: pino({ level: 'silent' }), databaseUrl: gw.databaseUrl });
      const gql = async (query: string, variables: Record<string, unknown>, token?: string) =>
        (await fresh.yoga.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        })).json();
      try {
        expect(codeOf(await gql('{ me { id } }', {}, gw.adminToken))).toBe('UNAUTHENTICATED');
        const token = (await gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN_EMAIL, p: password })).data.login.token;
        const me = await gql('{ me { status roles { name permissions } } }', {}, token);
        expect(me.data.me.status).toBe('ACTIVE');
        expect(me.data.me.roles.map((r: any) => r.name)).toEqual(['admin']);
        const audit = await gql('{ auditLog(filter: { action: "admin.reset" }) { edges { node { targetId user { id } metadata } } } }', {}, token);
        expect(audit.data.auditLog.edges).toHaveLength(1);
        expect(audit.data.auditLog.edges[0].node).toMatchObject({
          targetId: adminId,
          user: null,
          metadata: { email: ADMIN_EMAIL, created: false, previousStatus: 'DISABLED', grantedAdmin: true, endedSessions: 1 },
        });
        expect(JSON.stringify(audit)).not.toContain(password);
      } finally {
        await fresh.close();
      }

      // A new admin account, with a chosen password; a weak one is refused.
      const weak = await adminReset(['--email', 'rescue@test.local'], { DATABASE_URL: gw.databaseUrl, ZERO_ADMIN_PASSWORD: 'admin123' });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/at least 12 characters/);
      const chosen = await adminReset(['--email', 'rescue@test.local'], { DATABASE_URL: gw.databaseUrl, ZERO_ADMIN_PASSWORD: 'rescue-admin-passphrase' });
      expect(chosen.code).toBe(0);
      expect(chosen.stdout).toMatch(/password: from ZERO_ADMIN_PASSWORD/);
      const rescue = await gw.login('rescue@test.local', 'rescue-admin-passphrase');
      expect((await gw.gql('{ me { roles { name } } }', {}, rescue)).data.me.roles).toEqual([{ name: 'admin' }]);

      const usage = await adminReset([], { DATABASE_URL: gw.databaseUrl });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/usage: npm run admin:reset -- --email/);
    } finally {
      await gw.close();
    }
  });
});

describe('npm run admin:reset on the embedded database', () => {
  test('refuses while a gateway holds the data folder, then restores access once it is stopped', { timeout: 180_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zero-reset-'));
    const start = () => createGateway({ logger: pino({ level: 'silent' }), dataDir, admin: { email: 'owner@embedded.local', password: 'forgotten-admin-passphrase' } });
    let gateway: Gateway | undefined;
    try {
      gateway = await start();
      // Locked out: the only admin suspended.
      await gateway.orm.em.fork().execute(`update app_user set status = 'SUSPENDED'`);
      const env = { DATABASE_URL: undefined, ZERO_DATA_DIR: dataDir, ZERO_ADMIN_PASSWORD: undefined };
      const busy = await adminReset(['--email', 'owner@embedded.local'], env);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/in use.*Stop the gateway first/s);
      await gateway.close();
      gateway = undefined;

      const run = await adminReset(['--email', 'owner@embedded.local'], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const password = printedPassword(run.stdout)!;

      gateway = await start();
      const login = async (p: string) => {
        const res = await gateway!.yoga.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'mutation($p: String!) { login(email: "owner@embedded.local", password: $p) { token user { status roles { name } } } }', variables: { p } }),
        });
        return res.json();
      };
      expect((await login('forgotten-admin-passphrase')).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await login(password)).data.login.user).toEqual({ status: 'ACTIVE', roles: [{ name: 'admin' }] });
    } finally {
      await gateway?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
