import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../errors.ts';
import type { Permission } from '../roles/permissions.ts';
import type { UserStatus } from '../users/user.entity.ts';
import { API_KEY_PREFIX, SESSION_PREFIX, sha256Hex } from './tokens.ts';
import type { CredentialCache, CredentialLookup } from './credential-cache.ts';
import type { Viewer } from './viewer.ts';

const PERMISSIONS_OF_USER = `coalesce((select array_agg(distinct perm) from user_role ur
  join role r on r.id = ur.role_id cross join unnest(r.permissions) perm
  where ur.user_id = u.id), '{}') as permissions,
  coalesce((select array_agg(ur.role_id::text) from user_role ur where ur.user_id = u.id), '{}') as role_ids`;

const API_KEY_SQL = `select k.id as credential_id, k.expires_at, k.revoked_at, k.last_used_at,
  u.id as user_id, u.email, u.name, u.status, ${PERMISSIONS_OF_USER}
  from api_key k join app_user u on u.id = k.user_id where k.secret_hash = ?`;

const SESSION_SQL = `select s.id as credential_id, s.expires_at, null as revoked_at, null as last_used_at,
  u.id as user_id, u.email, u.name, u.status, ${PERMISSIONS_OF_USER}
  from session s join app_user u on u.id = s.user_id where s.token_hash = ?`;

interface CredentialRow {
  credential_id: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: string;
  email: string;
  name: string;
  status: UserStatus;
  permissions: Permission[];
  role_ids: string[];
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
  if (!lookup.ok) throw new AppError(lookup.code, lookup.message);
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
  const [row] = await em.execute<CredentialRow[]>(isKey ? API_KEY_SQL : SESSION_SQL, [hash]);
  if (!row) return { ok: false, code: 'UNAUTHENTICATED', message: isKey ? 'Unknown API key' : 'Unknown or ended session' };
  if (row.revoked_at) return { ok: false, code: 'UNAUTHENTICATED', message: 'API key has been revoked' };
  if (row.status !== 'ACTIVE') {
    return { ok: false, code: 'FORBIDDEN', message: `Account is ${row.status.toLowerCase()}` };
  }
  return {
    ok: true,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    viewer: {
      userId: row.user_id,
      email: row.email,
      name: row.name,
      status: row.status,
      permissions: new Set(row.permissions),
      roleIds: row.role_ids,
      via: isKey ? 'apiKey' : 'session',
      credentialId: row.credential_id,
    },
  };
}
