import type { Permission } from '../roles/permissions.ts';
import type { UserStatus } from '../users/user.entity.ts';

/** Who is calling: the same shape whether they came with a console session or an API key. */
export interface Viewer {
  userId: string;
  email: string;
  name: string;
  status: UserStatus;
  permissions: ReadonlySet<Permission>;
  /** Ids of the user's roles (DLP policies are per role). */
  roleIds: readonly string[];
  via: 'session' | 'apiKey';
  /** Session id or API key id. */
  credentialId: string;
}

export function hasPermission(viewer: Viewer | null, permission: Permission): boolean {
  return viewer?.permissions.has(permission) ?? false;
}
