/** Reads and validates the gateway config file, or supplies the offline default. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ZodError } from 'zod';
import { gatewayConfigSchema, type GatewayConfig } from './schema.ts';

export const DEFAULT_CONFIG_FILE = 'zero.config.json';

/** A config that cannot be used; `issues` name each bad key path (`models[0].primary.provider`). */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly source: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`invalid config ${source}:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `['models', 0, 'primary']` → `models[0].primary`. */
function keyPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function issuesOf(err: ZodError) {
  return err.issues.flatMap((i) =>
    // A strict object reports unknown keys on the parent; name each key itself.
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: keyPath([...i.path, k]), message: 'unknown key' }))
      : [{ path: keyPath(i.path), message: i.message }],
  );
}

/**
 * The config used when no file exists: one `mock` provider and two model names,
 * so `npm start` and the demo work offline.
 */
export function defaultConfig(): GatewayConfig {
  return parseConfig(
    {
      // A short pause per word, so the demo streams visibly like a real model.
      providers: [{ id: 'mock', plugin: 'mock', options: { latencyMs: 20 } }],
      models: [
        { name: 'mock-small', primary: { provider: 'mock', model: 'mock-small' } },
        { name: 'mock-large', primary: { provider: 'mock', model: 'mock-large' } },
      ],
    },
    '(default config)',
  );
}

/** Validates an already-parsed config object; `source` names it in errors. */
export function parseConfig(raw: unknown, source = '(inline config)'): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, issuesOf(result.error));
  return result.data;
}

/**
 * Loads the config from `path`, else `$ZERO_CONFIG`, else `zero.config.json`
 * (relative paths resolve against `cwd`).
 * A missing file is an error when its path was given explicitly; a missing
 * default file means the offline default config.
 */
export function loadConfig(path?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): GatewayConfig {
  const explicit = path ?? env.ZERO_CONFIG;
  const file = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return defaultConfig();
    throw new ConfigError(file, [{ path: '', message: `cannot read file: ${(err as Error).message}` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [{ path: '', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  return parseConfig(raw, file);
}
