import type { EntityManager } from '@mikro-orm/postgresql';
import type { Permission } from '../roles/permissions.ts';
import type { UserStatus } from '../users/user.entity.ts';

/** The SQL of credentials: API keys and sessions read with their user's standing in one statement. */

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

interface CredentialDbRow {
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

/** An API key or session with the user it belongs to, their permissions and roles. */
export interface CredentialRecord {
  credentialId: string;
  expiresAt: Date | null;
  /** API keys only. */
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  userId: string;
  email: string;
  name: string;
  status: UserStatus;
  permissions: Permission[];
  roleIds: string[];
}

/** The API key or session whose secret hashes to `hash`; null when there is none. */
export async function findCredential(em: EntityManager, kind: 'apiKey' | 'session', hash: string): Promise<CredentialRecord | null> {
  const [row] = await em.execute<CredentialDbRow[]>(kind === 'apiKey' ? API_KEY_SQL : SESSION_SQL, [hash]);
  if (!row) return null;
  return {
    credentialId: row.credential_id,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    status: row.status,
    permissions: row.permissions,
    roleIds: row.role_ids,
  };
}
