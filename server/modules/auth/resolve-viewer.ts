import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../errors.ts';
import { findCredential } from './auth.store.ts';
import { API_KEY_PREFIX, SESSION_PREFIX, sha256Hex } from './tokens.ts';
import type { CredentialCache, CredentialLookup } from './credential-cache.ts';
import type { Viewer } from './viewer.ts';

/**
 * A credential refused for its account (suspended or disabled): carries the
 * account, outside the error's extensions, so a chat door can record the
 * refused attempt against it without telling the caller anything more.
 */
export class CredentialRefused extends AppError {
  constructor(
    code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
    readonly userId: string | null,
  ) {
    super(code, message);
  }
}

export interface ResolvedCredential {
  viewer: Viewer;
  /** Set for API keys whose `last_used_at` is due for a refresh. */
  touchApiKeyId?: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns an Authorization header into a viewer, or throws UNAUTHENTICATED /
 * FORBIDDEN. No header means an anonymous caller (null).
 */
export async function resolveViewer(
  /** Called only on a cache miss. */
  em: () => EntityManager,
  cache: CredentialCache,
  authorization: string | null,
  now = new Date(),
): Promise<ResolvedCredential | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  if (!token || !(token.startsWith(API_KEY_PREFIX) || token.startsWith(SESSION_PREFIX))) {
    throw new AppError('UNAUTHENTICATED', 'Malformed credentials: expected "Authorization: Bearer <api key or session token>"');
  }
  const hash = sha256Hex(token);
  let lookup = cache.get(hash, now.getTime());
  if (!lookup) {
    lookup = await lookupCredential(em(), token, hash);
    cache.set(hash, lookup, now.getTime());
  }
  if (!lookup.ok) throw new CredentialRefused(lookup.code, lookup.message, lookup.userId ?? null);
  if (lookup.expiresAt && lookup.expiresAt <= now) {
    throw new AppError('UNAUTHENTICATED', lookup.viewer.via === 'apiKey' ? 'API key has expired' : 'Session has expired');
  }
  const resolved: ResolvedCredential = { viewer: lookup.viewer };
  if (lookup.viewer.via === 'apiKey' && (!lookup.lastUsedAt || now.getTime() - lookup.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)) {
    // Record the touch in the cached lookup so concurrent requests do not all write it.
    lookup.lastUsedAt = now;
    resolved.touchApiKeyId = lookup.viewer.credentialId;
  }
  return resolved;
}

async function lookupCredential(em: EntityManager, token: string, hash: string): Promise<CredentialLookup> {
  const isKey = token.startsWith(API_KEY_PREFIX);
  const row = await findCredential(em, isKey ? 'apiKey' : 'session', hash);
  if (!row) return { ok: false, code: 'UNAUTHENTICATED', message: isKey ? 'Unknown API key' : 'Unknown or ended session' };
  if (row.revokedAt) return { ok: false, code: 'UNAUTHENTICATED', message: 'API key has been revoked' };
  if (row.status !== 'ACTIVE') {
    return { ok: false, code: 'FORBIDDEN', message: `Account is ${row.status.toLowerCase()}`, userId: row.userId };
  }
  return {
    ok: true,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    viewer: {
      userId: row.userId,
      email: row.email,
      name: row.name,
      status: row.status,
      permissions: new Set(row.permissions),
      roleIds: row.roleIds,
      via: isKey ? 'apiKey' : 'session',
      credentialId: row.credentialId,
    },
  };
}
