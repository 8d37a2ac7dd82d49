import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { User, type UserEntity } from '../users/user.entity.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { Session } from './session.entity.ts';
import { generatePassword, generateSessionToken } from './tokens.ts';
import { ensureBuiltInRoles } from '../roles/roles.service.ts';
import { UserRole } from '../roles/role.entity.ts';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

// One message for every failure, so a login never tells whether an email is registered.
const BAD_CREDENTIALS = 'Invalid email or password';

export async function login(ctx: ServiceContext, email: string, password: string): Promise<LoginResult> {
  const normalized = email.trim().toLowerCase();
  const wait = ctx.app.loginThrottle.retryAfterMs(normalized);
  if (wait > 0) {
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins for this email; try again in ${Math.ceil(wait / 1000)} s`, { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const user = normalized ? await ctx.em.findOne(User, { email: normalized }, { populate: ['passwordHash'] as never }) : null;
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid || user.status !== 'ACTIVE') {
    const reason = !user ? 'unknown email' : !valid ? 'wrong password' : `account ${user.status.toLowerCase()}`;
    appendAuditRecord(ctx.em, {
      actorId: user?.id ?? null,
      action: 'login.failed',
      targetType: 'user',
      targetId: user?.id,
      metadata: { email: normalized.slice(0, 320), reason, requestId: ctx.requestId },
    });
    await ctx.em.flush();
    ctx.app.loginThrottle.recordFailure(normalized);
    if (user && valid) throw new AppError('FORBIDDEN', `Account is ${user.status.toLowerCase()}`);
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  ctx.app.loginThrottle.recordSuccess(normalized);
  const { token, hash } = generateSessionToken();
  const expiresAt = new Date(Date.now() + ctx.app.sessionTtlMs);
  ctx.em.create(Session, { id: randomUUID(), userId: user.id, tokenHash: hash, expiresAt } as never);
  appendAuditRecord(ctx.em, { actorId: user.id, action: 'login', targetType: 'user', targetId: user.id, metadata: { requestId: ctx.requestId } });
  await ctx.em.flush();
  return { token, expiresAt, user };
}

/** Ends the caller's console session. API keys are revoked, not logged out. */
export async function logout(ctx: ServiceContext): Promise<boolean> {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (ctx.viewer.via !== 'session') throw new AppError('BAD_USER_INPUT', 'Logout ends a console session; revoke an API key instead');
  await ctx.em.nativeDelete(Session, { id: ctx.viewer.credentialId });
  ctx.app.credentialCache.clear();
  return true;
}

export interface BootstrapResult {
  /** Set when the first admin was created just now. */
  createdAdmin?: { email: string; generatedPassword?: string };
}

/**
 * Creates the built-in roles, and on an empty database the first admin from
 * ZERO_ADMIN_EMAIL / ZERO_ADMIN_PASSWORD (or a generated password, returned to print once).
 */
export async function bootstrap(em: ServiceContext['em'], admin: { email?: string; password?: string }): Promise<BootstrapResult> {
  return em.transactional(async (tx) => {
    const roles = await ensureBuiltInRoles(tx);
    if ((await tx.count(User, {})) > 0) return {};
    const email = (admin.email ?? 'admin@zero.local').trim().toLowerCase();
    const generatedPassword = admin.password ? undefined : generatePassword();
    const user = tx.create(User, {
      id: randomUUID(),
      email,
      name: 'Administrator',
      status: 'ACTIVE',
      passwordHash: await hashPassword(admin.password ?? generatedPassword!),
    } as never);
    // Entities carry no relations, so the ORM cannot order inserts by foreign key: write the user first.
    await tx.flush();
    tx.create(UserRole, { userId: user.id, roleId: roles.get('admin')!.id } as never);
    appendAuditRecord(tx, { actorId: null, action: 'user.create', targetType: 'user', targetId: user.id, metadata: { email, bootstrap: true } });
    await tx.flush();
    return { createdAdmin: { email, generatedPassword } };
  });
}
