import { User } from '../modules/users/user.entity.ts';
import { Role, UserRole } from '../modules/roles/role.entity.ts';
import { ApiKey } from '../modules/api-keys/api-key.entity.ts';
import { Session } from '../modules/auth/session.entity.ts';
import { Quota } from '../modules/quotas/quota.entity.ts';
import { DailyUsage } from '../modules/usage/daily-usage.entity.ts';
import { AuditRecord } from '../modules/audit/audit-record.entity.ts';

export const entities = [User, Role, UserRole, ApiKey, Session, Quota, DailyUsage, AuditRecord];
