/** Audit actions by what they are about, in the order the filter lists them. */
export const AUDIT_ACTION_GROUPS = {
  signIn: ['login', 'login.failed', 'admin.reset'],
  users: ['user.create', 'user.update', 'user.status', 'user.roles', 'user.delete'],
  roles: ['role.create', 'role.update', 'role.delete'],
  quotas: ['quota.update'],
  apiKeys: ['apikey.create', 'apikey.revoke', 'apikey.revoke.all'],
  chat: ['chat', 'dlp.blocked'],
  dlp: ['dlp.policy.update', 'dlp.policy.clear'],
  budgets: ['price.update', 'budget.create', 'budget.update', 'budget.delete'],
  providers: ['provider.create', 'provider.update', 'provider.delete', 'model.create', 'model.update', 'model.delete'],
  audit: ['audit.export', 'audit.retention'],
} as const;

export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;

export const AUDIT_ACTIONS: readonly string[] = Object.values(AUDIT_ACTION_GROUPS).flat();

/** The group an action belongs to (undefined for one the console does not know). */
export function actionGroup(action: string): AuditActionGroup | undefined {
  return (Object.keys(AUDIT_ACTION_GROUPS) as AuditActionGroup[]).find((g) => (AUDIT_ACTION_GROUPS[g] as readonly string[]).includes(action));
}

/** The badge colour of an action: refusals red, removals amber, creations green. */
export function actionTone(action: string): 'danger' | 'warning' | 'success' | 'neutral' {
  if (action.endsWith('.failed') || action === 'dlp.blocked') return 'danger';
  if (action.endsWith('.delete') || action.endsWith('.revoke') || action.endsWith('.clear')) return 'warning';
  if (action.endsWith('.create')) return 'success';
  return 'neutral';
}

/**
 * Who acted and who was acted on. A failed sign-in is recorded with the account it
 * tried as its actor id; the one who tried is unknown, so the console shows that
 * account as the target.
 */
export function actorAndTarget<U>(record: { action: string; user?: U | null; metadata?: unknown }): {
  actor: U | null;
  attacked: U | null;
} {
  // A wrong current password (changing one's own email or password) was typed by the signed-in user themselves.
  const ownAttempt = (record.metadata as { reason?: unknown } | null)?.reason === 'wrong current password';
  if (record.action === 'login.failed' && !ownAttempt) return { actor: null, attacked: record.user ?? null };
  return { actor: record.user ?? null, attacked: null };
}
