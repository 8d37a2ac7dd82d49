/** Every permission the gateway knows. Roles bundle these; code checks them by name. */
export const PERMISSIONS = [
  { name: 'users:read', group: 'Users', description: "See every user, their roles, quota, usage today and API keys" },
  { name: 'users:write', group: 'Users', description: 'Create, edit, suspend and delete users; assign roles' },
  { name: 'roles:write', group: 'Roles', description: 'Create, edit and delete roles' },
  { name: 'quotas:write', group: 'Quotas', description: "Set users' daily token quotas and the rate limits of users, roles and API keys" },
  { name: 'apikeys:write', group: 'API keys', description: 'Create and revoke API keys for other users' },
  { name: 'usage:read', group: 'Usage', description: "See everyone's token usage" },
  { name: 'audit:read', group: 'Audit', description: 'Read the audit log' },
  { name: 'dlp:read', group: 'Data protection', description: 'See DLP policies and the DLP events of every user' },
  { name: 'dlp:write', group: 'Data protection', description: 'Change DLP policies' },
  { name: 'budgets:read', group: 'Budgets', description: 'See prices, budgets, their status and budget alerts' },
  { name: 'budgets:write', group: 'Budgets', description: 'Set model prices; create, change and delete budgets' },
  { name: 'executive:read', group: 'Executive', description: 'See the executive summary and trends: usage, errors, latency and DLP events across the organisation' },
  { name: 'providers:read', group: 'Providers', description: 'See provider health, circuit state and routes' },
  { name: 'providers:write', group: 'Providers', description: 'Add, change and delete provider instances, models and their routes; test providers' },
  { name: 'chat', group: 'Chat', description: 'Send chats through the gateway' },
] as const;

export type Permission = (typeof PERMISSIONS)[number]['name'];
export const PERMISSION_NAMES: readonly Permission[] = PERMISSIONS.map((p) => p.name);

export function isPermission(value: string): value is Permission {
  return (PERMISSION_NAMES as readonly string[]).includes(value);
}

/** Built-in roles, created at start-up and kept in step with the permission list. */
export const BUILT_IN_ROLES = [
  { name: 'admin', description: 'Full control of the gateway', permissions: PERMISSION_NAMES },
  { name: 'member', description: 'May chat and manage their own API keys', permissions: ['chat'] as Permission[] },
];
