import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'zgk_';
export const SESSION_PREFIX = 'zgs_';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A new API key: `zgk_<8 visible hex>_<256-bit secret>`. Only its hash and visible prefix are stored. */
export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const visible = randomBytes(4).toString('hex');
  const secret = `${API_KEY_PREFIX}${visible}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: `${API_KEY_PREFIX}${visible}`, hash: sha256Hex(secret) };
}

export function generateSessionToken(): { token: string; hash: string } {
  const token = `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}

export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
