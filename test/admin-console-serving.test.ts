import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staleReason } from '../server/admin-console/ensure-built.ts';
import { useAdminConsole } from '../server/yoga-plugins/use-admin-console.ts';

let dist: string;
let yoga: ReturnType<typeof createYoga>;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'zero-console-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(join(dist, 'robots.txt'), 'User-agent: *');
  await writeFile(join(tmpdir(), 'zero-console-secret.txt'), 'secret');
  yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } }),
    plugins: [useAdminConsole({ distDir: dist })],
  });
});
afterAll(() => rm(dist, { recursive: true, force: true }));

const get = (path: string, init?: RequestInit) => yoga.fetch(`http://gw${path}`, { redirect: 'manual', ...init });

describe('admin console serving', () => {
  it('redirects / and /admin to /admin/', async () => {
    for (const path of ['/', '/admin']) {
      const res = await get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/admin/');
    }
  });

  it('serves index.html at /admin/ and for any console route, never cached', async () => {
    for (const path of ['/admin/', '/admin/users/42', '/admin/usage']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with their content type and a year-long immutable cache', async () => {
    const js = await get('/admin/assets/index-abc123.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await get('/admin/assets/index-abc123.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const robots = await get('/admin/robots.txt');
    expect(robots.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404, not index.html, for a missing asset', async () => {
    const res = await get('/admin/assets/gone-000.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/plain');
  });

  it('never serves a file outside the build folder', async () => {
    for (const path of ['/admin/../zero-console-secret.txt', '/admin/%2e%2e/zero-console-secret.txt', '/admin/..%2Fzero-console-secret.txt']) {
      const res = await get(path);
      expect(await res.text()).not.toBe('secret');
    }
  });

  it('leaves /graphql and other paths to the gateway', async () => {
    const res = await get('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ok }' }) });
    expect(await res.json()).toEqual({ data: { ok: true } });
    expect((await get('/administrator')).status).toBe(404);
  });

  it('says how to build when there is no build', async () => {
    const bare = createYoga({ schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }), plugins: [useAdminConsole({ distDir: join(dist, 'missing') })] });
    const res = await bare.fetch('http://gw/admin/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:client');
  });
});

describe('console build freshness', () => {
  it('is stale without a build, fresh after one, and stale again when a source changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zero-console-src-'));
    try {
      await mkdir(join(dir, 'src', 'pages'), { recursive: true });
      await writeFile(join(dir, 'src', 'pages', 'a.tsx'), 'x');
      await writeFile(join(dir, 'index.html'), 'x');
      await writeFile(join(dir, 'vite.config.ts'), 'x');
      expect(await staleReason(dir)).toBe('no build yet');
      await mkdir(join(dir, 'dist'));
      await writeFile(join(dir, 'dist', 'index.html'), 'built');
      const past = new Date(Date.now() - 60_000);
      for (const f of ['src/pages/a.tsx', 'src/pages', 'src', 'index.html', 'vite.config.ts']) await utimes(join(dir, f), past, past);
      expect(await staleReason(dir)).toBeNull();
      await writeFile(join(dir, 'src', 'pages', 'a.tsx'), 'changed');
      expect(await staleReason(dir)).toMatch(/src changed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
