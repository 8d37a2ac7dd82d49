import { randomUUID } from 'node:crypto';
import { AppError, badInput } from '../../errors.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { User, type UserEntity } from '../users/user.entity.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { Session } from './session.entity.ts';
import { generatePassword, generateSessionToken } from './tokens.ts';
import { THROTTLE_POLICY } from './login-throttle.ts';
import { passwordProblem } from './password-policy.ts';
import { looksLikeEmail } from '../users/validation.ts';
import { ensureBuiltInRoles } from '../roles/roles.service.ts';
import { UserRole } from '../roles/role.entity.ts';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

// One message for every failure, so a login never tells whether an email is registered.
const BAD_CREDENTIALS = 'Invalid email or password';

/** Longest email prefix kept in a `login.failed` record. */
const AUDITED_EMAIL_LENGTH = 64;

/**
 * The email as a failed sign-in's audit record keeps it: at most 64
 * characters, and a marker instead of anything that does not look like an
 * email, since people type their password into the wrong field.
 */
export function auditedEmail(typed: string): string {
  return looksLikeEmail(typed) ? typed.slice(0, AUDITED_EMAIL_LENGTH) : '(not an email address)';
}

function rateLimited(scope: 'source' | 'account', retryAfterMs: number): AppError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const whose = scope === 'source' ? 'from your network address' : 'for this account';
  return new AppError('RATE_LIMITED', `Too many failed sign-ins ${whose}; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/**
 * Checks a password against the throttle: refuses (RATE_LIMITED) while the
 * source or account waits, counts a failure and writes at most one
 * `login.failed` record per source, account and window. Used by sign-in and by
 * every change that asks for the current password.
 */
async function checkPasswordThrottled(
  ctx: ServiceContext,
  attempt: { email: string; password: string; source: string; user: (UserEntity & { passwordHash?: string | null }) | null; what: 'login' | 'current password' },
): Promise<boolean> {
  const throttle = ctx.app.loginThrottle;
  const admitted = await throttle.admit(attempt.source, attempt.email);
  if (!admitted.ok) throw rateLimited(admitted.scope, admitted.retryAfterMs);
  const valid = await verifyPassword(attempt.user?.passwordHash, attempt.password);
  const user = attempt.user;
  if (user && valid && user.status === 'ACTIVE') {
    await throttle.succeeded(attempt.source, attempt.email);
    return true;
  }
  const { first, previousWindowFailures } = await throttle.failed(attempt.source, attempt.email);
  if (first) {
    const reason = !user ? 'unknown email' : !valid ? (attempt.what === 'login' ? 'wrong password' : 'wrong current password') : `account ${user.status.toLowerCase()}`;
    appendAuditRecord(ctx.em, {
      // Whoever typed a wrong sign-in password is unknown: the account tried is the target, never the actor.
      actorId: attempt.what === 'login' ? null : (ctx.viewer?.userId ?? null),
      action: 'login.failed',
      targetType: 'user',
      targetId: user?.id,
      metadata: {
        email: auditedEmail(attempt.email),
        reason,
        source: attempt.source,
        requestId: ctx.requestId,
        // Later failures of this source and account within the window are counted, not recorded.
        windowMinutes: THROTTLE_POLICY.auditWindowMs / 60_000,
        ...(previousWindowFailures > 1 ? { previousWindowFailures } : {}),
      },
    });
    await ctx.em.flush();
  }
  if (user && valid) throw new AppError('FORBIDDEN', `Account is ${user.status.toLowerCase()}`);
  return false;
}

/**
 * Signs in with email and password from `source` (the client's address),
 * under the shared throttle; answers a session token.
 */
export async function login(ctx: ServiceContext, email: string, password: string, source = 'local'): Promise<LoginResult> {
  const normalized = email.trim().toLowerCase().slice(0, 320);
  const user = looksLikeEmail(normalized) ? await ctx.em.findOne(User, { email: normalized }) : null;
  const ok = await checkPasswordThrottled(ctx, { email: normalized, password, source, user, what: 'login' });
  if (!ok || !user) throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  const { token, hash } = generateSessionToken();
  const expiresAt = new Date(Date.now() + ctx.app.sessionTtlMs);
  ctx.em.create(Session, { id: randomUUID(), userId: user.id, tokenHash: hash, expiresAt });
  appendAuditRecord(ctx.em, { actorId: user.id, action: 'login', targetType: 'user', targetId: user.id, metadata: { requestId: ctx.requestId, source } });
  await ctx.em.flush();
  return { token, expiresAt, user };
}

/**
 * Proof for changing one's own email or password: a console session (an API
 * key that leaked must not be able to take the account over) and the current
 * password, checked under the same throttle as sign-in.
 */
export async function proveCurrentPassword(ctx: ServiceContext, userId: string, currentPassword: string | null | undefined, source = 'local'): Promise<void> {
  if (ctx.viewer?.via !== 'session') {
    throw new AppError('FORBIDDEN', 'Changing your email or password needs a console session and your current password; an API key cannot do it');
  }
  if (!currentPassword) throw badInput('Enter your current password to change your email or password', 'currentPassword');
  const user = await ctx.em.findOne(User, { id: userId });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  const ok = await checkPasswordThrottled(ctx, { email: user.email, password: currentPassword, source, user, what: 'current password' });
  if (!ok) throw badInput('Your current password is not correct', 'currentPassword');
}

/** Ends the caller's console session. API keys are revoked, not logged out. */
export async function logout(ctx: ServiceContext): Promise<boolean> {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (ctx.viewer.via !== 'session') throw new AppError('BAD_USER_INPUT', 'Logout ends a console session; revoke an API key instead');
  await ctx.em.nativeDelete(Session, { id: ctx.viewer.credentialId });
  ctx.app.credentials.announce({ reason: 'sessions.ended' });
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
    const problem = admin.password ? passwordProblem(admin.password, email) : null;
    if (problem) throw new Error(`ZERO_ADMIN_PASSWORD is not accepted: ${problem}`);
    const generatedPassword = admin.password ? undefined : generatePassword();
    const user = tx.create(User, {
      id: randomUUID(),
      email,
      name: 'Administrator',
      status: 'ACTIVE',
      passwordHash: await hashPassword(admin.password ?? generatedPassword!),
    });
    // Entities carry no relations, so the ORM cannot order inserts by foreign key: write the user first.
    await tx.flush();
    tx.create(UserRole, { userId: user.id, roleId: roles.get('admin')!.id });
    appendAuditRecord(tx, { actorId: null, action: 'user.create', targetType: 'user', targetId: user.id, metadata: { email, bootstrap: true } });
    await tx.flush();
    return { createdAdmin: { email, generatedPassword } };
  });
}
