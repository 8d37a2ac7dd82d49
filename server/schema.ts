import { builder } from './builder.ts';
import './modules/users/users.graphql.ts';
import './modules/roles/roles.graphql.ts';
import './modules/api-keys/api-keys.graphql.ts';
import './modules/quotas/quotas.graphql.ts';
import './modules/auth/auth.graphql.ts';
import './modules/usage/usage.graphql.ts';
import './modules/audit/audit.graphql.ts';
import './modules/chat/chat.graphql.ts';
import './modules/providers/providers.graphql.ts';
import './modules/chat/embed.graphql.ts';
import './modules/dlp/dlp.graphql.ts';
import './modules/executive/executive.graphql.ts';
import './modules/budgets/budgets.graphql.ts';
import './modules/rate-limits/rate-limits.graphql.ts';

export const schema = builder.toSchema({ sortSchema: true });
