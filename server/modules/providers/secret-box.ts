/**
 * Provider API keys at rest: AES-256-GCM with a 32-byte key from
 * ZERO_SECRET_KEY. Each sealed value names the key that sealed it (a short
 * fingerprint, never the key), so during a rotation the previous key
 * (ZERO_SECRET_KEY_PREVIOUS) still opens old values and the start-up pass
 * knows which rows to re-seal. The provider id is bound in as associated data:
 * a ciphertext copied onto another row does not open there.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export interface SecretBox {
  /** Fingerprint of the current key (stored beside each ciphertext). */
  readonly keyId: string;
  seal(plaintext: string, context: string): { ciphertext: string; keyId: string };
  /** Opens a value sealed by the current or the previous key; throws when neither fits. */
  open(ciphertext: string, context: string): string;
  /** Whether a value sealed under `keyId` should be re-sealed with the current key. */
  stale(keyId: string): boolean;
}

/** A short, non-reversible id of a key, so rows say which key sealed them. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('zero-gateway secret key id\0').update(key).digest('hex').slice(0, 12);
}

/** 32 bytes as base64 (44 characters, `openssl rand -base64 32`) or hex (64 characters); undefined when it is neither. */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

export function createSecretBox(key: Buffer, previous?: Buffer): SecretBox {
  if (key.length !== 32 || (previous && previous.length !== 32)) throw new Error('secret keys must be 32 bytes');
  const keys = new Map<string, Buffer>([[keyIdOf(key), key]]);
  if (previous) keys.set(keyIdOf(previous), previous);
  const keyId = keyIdOf(key);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
      return { ciphertext: `${VERSION}.${keyId}.${sealed}`, keyId };
    },
    open(ciphertext, context) {
      const [version, id, sealed] = ciphertext.split('.');
      if (version !== VERSION || !id || !sealed) throw new Error('not a sealed value');
      const k = keys.get(id);
      if (!k) throw new Error(`sealed with key ${id}, which is neither ZERO_SECRET_KEY nor ZERO_SECRET_KEY_PREVIOUS`);
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    stale: (id) => id !== keyId,
  };
}
