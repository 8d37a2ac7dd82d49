import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from '../../server/plugin-host/load-plugins.ts';
import { validatePlugin } from '../../server/plugin-host/validate-plugin.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('plugin discovery and validation', () => {
  it('discovers every built-in plugin folder without a hand-kept list, skipping _shared', async () => {
    const { plugins, failures } = await loadPlugins();
    expect([...plugins.keys()].sort()).toEqual(['anthropic', 'gemini', 'mock', 'ollama', 'openai', 'openai-compatible', 'openrouter']);
    expect(failures).toEqual([]);
  });

  it('loads good plugins from extra dirs and refuses bad ones by name with a reason, others still load', async () => {
    const warnings: unknown[] = [];
    const { plugins, failures } = await loadPlugins({ dirs: [FIXTURES], logger: { info() {}, warn: (obj) => warnings.push(obj) } });
    expect(plugins.has('good-extra')).toBe(true);
    expect(plugins.has('openai')).toBe(true);
    const byId = Object.fromEntries(failures.map((f) => [f.id, f.reason]));
    expect(Object.keys(byId).sort()).toEqual(['broken-import', 'duplicate-mock', 'no-create', 'old-version']);
    expect(byId['old-version']).toBe('declares plugin API version 0; this gateway speaks versions 1 and 2 (2 is current)');
    expect(byId['broken-import']).toMatch(/failed to load: boom at import/);
    expect(byId['no-create']).toBe('create must be a function');
    expect(byId['duplicate-mock']).toBe('duplicate plugin id "mock"');
    expect(warnings).toHaveLength(4);
  });

  it('reports npm packages that are missing or are not plugins', async () => {
    const { failures } = await loadPlugins({ builtinDir: false, packages: ['zero-gateway-no-such-plugin', 'zod'] });
    expect(failures.map((f) => f.id)).toEqual(['zero-gateway-no-such-plugin', 'zod']);
    expect(failures[0].reason).toMatch(/^failed to load/);
    expect(failures[1].reason).toMatch(/id must be/);
  });

  it('reports an unreadable plugin directory', async () => {
    const { failures } = await loadPlugins({ builtinDir: false, dirs: ['/nonexistent/zero-plugins'] });
    expect(failures).toEqual([{ id: '/nonexistent/zero-plugins', reason: expect.stringMatching(/cannot read plugin directory/) }]);
  });

  it('validates shape: id, apiVersion, configSchema', () => {
    expect(validatePlugin(null)).toEqual({ ok: false, reason: 'no default export object' });
    expect(validatePlugin({ default: { id: 'Bad Id' } })).toMatchObject({ ok: false, reason: expect.stringMatching(/id must be/) });
    expect(validatePlugin({ id: 'x' })).toEqual({ ok: false, reason: 'apiVersion is missing' });
    expect(validatePlugin({ id: 'x', apiVersion: 1, configSchema: {} })).toEqual({ ok: false, reason: 'configSchema must be a zod schema' });
  });

  it('refuses a plugin whose declared features are not the five booleans, by name of what is wrong', () => {
    const base = { id: 'x', apiVersion: 2, configSchema: { safeParse() {} }, create() {} };
    expect(validatePlugin({ ...base, features: { tools: true, images: 'yes' } })).toEqual({
      ok: false,
      reason: 'features must declare tools, images, jsonObject, jsonSchema, embeddings as booleans (missing or wrong: images, jsonObject, jsonSchema, embeddings)',
    });
    expect(validatePlugin({ ...base, features: { tools: true, images: false, jsonObject: false, jsonSchema: false, embeddings: false } })).toMatchObject({ ok: true });
    expect(validatePlugin(base)).toMatchObject({ ok: true });
  });
});
