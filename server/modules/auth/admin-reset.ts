import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAuditRecord } from '../audit/audit.service.ts';
import { ensureBuiltInRoles } from '../roles/roles.service.ts';
import { UserRole } from '../roles/role.entity.ts';
import { User, type UserStatus } from '../users/user.entity.ts';
import { normalizeEmail } from '../users/validation.ts';
import { hashPassword } from './passwords.ts';
import { validatePassword } from './password-policy.ts';
import { endSessionsOf } from './sessions.ts';
import { generatePassword } from './tokens.ts';

export interface AdminResetInput {
  email: string;
  /** The new password; a generated one when omitted. */
  password?: string;
  /** Who ran the command (OS user and host), for the audit record. */
  operator: string;
}

export interface AdminResetResult {
  userId: string;
  email: string;
  created: boolean;
  /** The status the account had before (ACTIVE when it was not suspended or disabled). */
  previousStatus: UserStatus | null;
  grantedAdmin: boolean;
  endedSessions: number;
  /** Set when the password was generated; print it once. */
  generatedPassword?: string;
}

/**
 * Restores admin access to a locked-out installation (`npm run admin:reset`):
 * creates or reactivates the user, grants the built-in admin role, sets a new
 * password, ends the user's sessions and writes an `admin.reset` audit record,
 * all in one transaction. Needs database access, nothing else: whoever can
 * run it could change the database anyway.
 */
export async function resetAdminAccess(em: EntityManager, input: AdminResetInput): Promise<AdminResetResult> {
  const email = normalizeEmail(input.email);
  const password = input.password ? validatePassword(input.password, email, 'ZERO_ADMIN_PASSWORD') : generatePassword();
  const passwordHash = await hashPassword(password);
  return em.transactional(async (tx) => {
    const adminRole = (await ensureBuiltInRoles(tx)).get('admin')!;
    let user = await tx.findOne(User, { email });
    const created = !user;
    const previousStatus = user?.status ?? null;
    if (!user) {
      user = tx.create(User, { id: randomUUID(), email, name: 'Administrator', status: 'ACTIVE', passwordHash });
    } else {
      user.status = 'ACTIVE';
      user.passwordHash = passwordHash;
    }
    // Entities carry no relations, so the ORM cannot order inserts by foreign key: write the user first.
    await tx.flush();
    const grantedAdmin = !(await tx.findOne(UserRole, { userId: user.id, roleId: adminRole.id }));
    if (grantedAdmin) tx.create(UserRole, { userId: user.id, roleId: adminRole.id });
    const endedSessions = await endSessionsOf(tx, user.id);
    appendAuditRecord(tx, {
      actorId: null,
      action: 'admin.reset',
      targetType: 'user',
      targetId: user.id,
      metadata: { email, created, previousStatus, grantedAdmin, endedSessions, operator: input.operator, via: 'npm run admin:reset' },
    });
    await tx.flush();
    return { userId: user.id, email, created, previousStatus, grantedAdmin, endedSessions, generatedPassword: input.password ? undefined : password };
  });
}
