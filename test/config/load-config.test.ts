import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig, parseConfig } from '../../server/config/load-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'zero-config-'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const issues = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
};

describe('gateway config', () => {
  it('applies the documented defaults', () => {
    const cfg = parseConfig({});
    expect(cfg.resilience).toEqual({
      maxRetries: 2,
      baseBackoffMs: 100,
      maxBackoffMs: 10_000,
      jitter: 'full',
      attemptTimeoutMs: 30_000,
      circuit: { failureThreshold: 5, openMs: 30_000 },
    });
    expect(cfg.plugins).toEqual({ dirs: [], packages: [] });
    expect(cfg.timezone).toBe('UTC');
    expect(cfg.audit).toEqual({ storePromptText: false, retentionDays: 1825 });
  });

  it('falls back to an offline mock config when no file exists at the default path', () => {
    const cfg = loadConfig(undefined, {}, mkdtempSync(join(tmpdir(), 'zero-empty-')));
    expect(cfg).toEqual(defaultConfig());
    expect(cfg.providers).toEqual([{ id: 'mock', plugin: 'mock', options: { latencyMs: 20 } }]);
    expect(cfg.models.map((m) => m.name)).toEqual(['mock-small', 'mock-large']);
  });

  it('reads the file named by ZERO_CONFIG', () => {
    const path = write('env.json', {
      providers: [{ id: 'oa', plugin: 'openai', apiKeyEnv: 'OPENAI_API_KEY' }],
      models: [{ name: 'gpt', primary: { provider: 'oa', model: 'gpt-4o' } }],
      resilience: { maxRetries: 0 },
    });
    const cfg = loadConfig(undefined, { ZERO_CONFIG: path });
    expect(cfg.models[0]).toEqual({ name: 'gpt', primary: { provider: 'oa', model: 'gpt-4o' }, fallbacks: [] });
    expect(cfg.resilience.maxRetries).toBe(0);
  });

  it('refuses a missing file that was named explicitly', () => {
    expect(issues(() => loadConfig(join(dir, 'missing.json'), {}))[0].message).toMatch(/cannot read file/);
  });

  it('refuses invalid JSON', () => {
    expect(issues(() => loadConfig(write('bad.json', '{ nope'), {}))[0].message).toMatch(/not valid JSON/);
  });

  it('names the bad key path of every problem', () => {
    const found = issues(() =>
      parseConfig({
        providers: [{ id: 'oa', plugin: 'openai', apiKey: 'sk-inline' }, { id: 'oa', plugin: 'openai' }, { plugin: 'x' }],
        models: [{ name: 'm', primary: { provider: 'oa', model: 'x' }, fallbacks: [{ provider: 'ghost', model: 'y' }] }],
        resilience: { maxRetries: -1, circuit: { openMs: 'soon' } },
        timezone: 'Mars/Olympus',
      }),
    ).map((i) => i.path);
    expect(found).toEqual(
      expect.arrayContaining([
        'providers[0].apiKey',
        'providers[2].id',
        'resilience.maxRetries',
        'resilience.circuit.openMs',
      ]),
    );
  });

  it('checks cross references: duplicate ids, unknown providers, time zone', () => {
    const found = issues(() =>
      parseConfig({
        providers: [{ id: 'oa', plugin: 'openai' }, { id: 'oa', plugin: 'openai' }],
        models: [{ name: 'm', primary: { provider: 'oa', model: 'x' }, fallbacks: [{ provider: 'ghost', model: 'y' }] }],
        timezone: 'Mars/Olympus',
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'providers[1].id', message: 'duplicate provider id "oa"' },
        { path: 'models[0].fallbacks[0].provider', message: 'unknown provider "ghost"' },
        { path: 'timezone', message: 'unknown time zone "Mars/Olympus"' },
      ]),
    );
  });

  it('reads model capabilities and per-target overrides, refusing unknown keys and bad sizes by path', () => {
    const providers = [{ id: 'oa', plugin: 'openai' }];
    const cfg = parseConfig({
      providers,
      models: [
        {
          name: 'gpt',
          primary: { provider: 'oa', model: 'gpt-4o', capabilities: { vision: false } },
          capabilities: { tools: true, json: true, embeddings: false, contextWindow: 128000, maxOutputTokens: 16384 },
        },
      ],
    });
    expect(cfg.models[0].capabilities).toEqual({ tools: true, json: true, embeddings: false, contextWindow: 128000, maxOutputTokens: 16384 });
    expect(cfg.models[0].primary.capabilities).toEqual({ vision: false });
    expect(
      issues(() =>
        parseConfig({
          providers,
          models: [{ name: 'x', primary: { provider: 'oa', model: 'm', capabilities: { contextWindow: 10 } }, capabilities: { audio: true, contextWindow: 0 } }],
        }),
      ),
    ).toEqual([
      { path: 'models[0].primary.capabilities.contextWindow', message: 'unknown key' },
      { path: 'models[0].capabilities.contextWindow', message: 'Number must be greater than 0' },
      { path: 'models[0].capabilities.audio', message: 'unknown key' },
    ]);
  });

  it('puts the file path and key paths in the error message', () => {
    const path = write('msg.json', { resilience: { maxBackoffMs: 10, baseBackoffMs: 100 } });
    expect(() => loadConfig(path, {})).toThrow(`invalid config ${path}:\n  resilience.maxBackoffMs: must be >= baseBackoffMs`);
  });
});
