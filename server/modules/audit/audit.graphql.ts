import { builder } from '../../builder.ts';
import { connectionArgs, connectionComplexity, connectionType } from '../../schema/connection.ts';
import { UserType } from '../users/users.graphql.ts';
import type { AuditRecordEntity } from './audit-record.entity.ts';
import { listAuditRecords } from './audit.query.ts';

const AuditRecordType = builder.objectRef<AuditRecordEntity>('AuditRecord').implement({
  authScopes: { permission: 'audit:read' },
  fields: (t) => ({
    id: t.id({ resolve: (r) => String(r.id) }),
    at: t.field({ type: 'DateTime', resolve: (r) => r.at }),
    action: t.exposeString('action'),
    userId: t.id({ nullable: true, description: 'The actor', resolve: (r) => r.userId ?? null }),
    user: t.field({ type: UserType, nullable: true, resolve: (r, _a, ctx) => (r.userId ? ctx.loaders.userById.load(r.userId) : null) }),
    targetType: t.string({ nullable: true, resolve: (r) => r.targetType ?? null }),
    targetId: t.string({ nullable: true, resolve: (r) => r.targetId ?? null }),
    promptHash: t.string({ nullable: true, resolve: (r) => r.promptHash ?? null }),
    responseHash: t.string({ nullable: true, resolve: (r) => r.responseHash ?? null }),
    model: t.string({ nullable: true, resolve: (r) => r.model ?? null }),
    provider: t.string({ nullable: true, resolve: (r) => r.provider ?? null }),
    inputTokens: t.int({ nullable: true, resolve: (r) => r.inputTokens ?? null }),
    outputTokens: t.int({ nullable: true, resolve: (r) => r.outputTokens ?? null }),
    latencyMs: t.int({ nullable: true, resolve: (r) => r.latencyMs ?? null }),
    metadata: t.field({ type: 'JSON', resolve: (r) => r.metadata }),
  }),
});

const AuditRecordConnection = connectionType('AuditRecord', AuditRecordType);

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    userId: t.id({ description: 'The actor' }),
    action: t.string({ description: 'e.g. user.create, quota.update, login.failed, chat' }),
    targetId: t.string(),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime' }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    type: AuditRecordConnection,
    authScopes: { permission: 'audit:read' },
    args: { filter: t.arg({ type: AuditFilter }), ...connectionArgs(t) },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx) =>
      listAuditRecords(ctx.em, { ...args.filter, userId: args.filter?.userId ? String(args.filter.userId) : null }, args.first, args.after),
  }),
);
