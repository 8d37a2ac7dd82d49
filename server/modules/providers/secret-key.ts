/** Which key seals provider API keys on this instance, and what happens without ZERO_SECRET_KEY. */
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createSecretBox, parseSecretKey, type SecretBox } from './secret-box.ts';

export interface SecretKeySettings {
  /** ZERO_SECRET_KEY, 32 bytes. */
  key?: Buffer;
  /** ZERO_SECRET_KEY_PREVIOUS: opens values sealed before a rotation; they are re-sealed with `key` at start. */
  previous?: Buffer;
  /** In production a missing key is never made up: provider keys cannot be stored, and stored ones do not open. */
  production?: boolean;
  /** Where a development key is kept (`<dataDir>/secret.key`); without one, a fixed development key. */
  dataDir?: string;
}

/**
 * The secret box of this instance, or null (production without a key).
 * Outside production a missing key is generated once into the data folder
 * (or, in memory, derived from a fixed string) with a warning: fine for a
 * laptop, useless as protection, and different per data folder, so several
 * instances sharing a database need ZERO_SECRET_KEY anyway.
 */
export function resolveSecretBox(settings: SecretKeySettings, logger: Pick<Logger, 'warn'>): SecretBox | null {
  if (settings.key) return createSecretBox(settings.key, settings.previous);
  if (settings.production) {
    logger.warn('ZERO_SECRET_KEY is not set: provider API keys cannot be stored in the database, and stored ones cannot be used');
    return null;
  }
  if (settings.dataDir) {
    const file = join(settings.dataDir, 'secret.key');
    let key: Buffer | undefined;
    try {
      key = parseSecretKey(readFileSync(file, 'utf8'));
    } catch {
      // none yet
    }
    if (!key) {
      key = randomBytes(32);
      mkdirSync(settings.dataDir, { recursive: true });
      writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
    }
    logger.warn({ file }, 'ZERO_SECRET_KEY is not set: provider API keys are sealed with a development key kept in the data folder; set ZERO_SECRET_KEY in production');
    return createSecretBox(key, settings.previous);
  }
  logger.warn('ZERO_SECRET_KEY is not set: provider API keys are sealed with a fixed development key; set ZERO_SECRET_KEY in production');
  return createSecretBox(createHash('sha256').update('zero-gateway development secret key').digest(), settings.previous);
}
