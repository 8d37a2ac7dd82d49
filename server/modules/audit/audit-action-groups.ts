/**
 * Audit actions by what they are about, as LIKE patterns, so a filter by group
 * also finds actions added later under the same prefix (provider.*, webhook.*).
 */
export const AUDIT_ACTION_GROUPS = {
  CHAT: ['chat', 'chat.%', 'dlp.blocked'],
  SIGN_IN: ['login', 'login.%', 'logout', 'admin.reset'],
  USERS: ['user.%'],
  API_KEYS: ['apikey.%'],
  ROLES: ['role.%'],
  LIMITS: ['quota.%', 'ratelimit.%'],
  BUDGETS: ['price.%', 'budget.%'],
  DLP: ['dlp.policy.%'],
  CONFIG: ['provider.%', 'model.%', 'route.%', 'webhook.%', 'config.%'],
  AUDIT: ['audit.%'],
} as const satisfies Record<string, readonly string[]>;

export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;
export const AUDIT_ACTION_GROUP_NAMES = Object.keys(AUDIT_ACTION_GROUPS) as AuditActionGroup[];
