import { builder } from '../../builder.ts';
import { connectionArgs, connectionComplexity, connectionType } from '../../schema/connection.ts';
import { UserType } from '../users/users.graphql.ts';
import type { AuditRecordEntity } from './audit-record.entity.ts';
import { listAuditRecords } from './audit.service.ts';
import { verifyAuditChain, type AuditVerification, type ChainProblem } from './audit-verify.ts';
import type { AuditCheckpoint, AuditRetentionState } from './audit-retention.ts';
import { AUDIT_ACTION_GROUP_NAMES } from './audit-action-groups.ts';

const AuditActionGroupEnum = builder.enumType('AuditActionGroup', {
  description: 'Audit actions by what they are about',
  values: {
    CHAT: { description: 'chat, chat.refused, dlp.blocked' },
    SIGN_IN: { description: 'login, login.failed, admin.reset' },
    USERS: { description: 'user.*' },
    API_KEYS: { description: 'apikey.*' },
    ROLES: { description: 'role.*' },
    LIMITS: { description: 'quota.*, ratelimit.*' },
    BUDGETS: { description: 'price.*, budget.*' },
    DLP: { description: 'dlp.policy.*' },
    CONFIG: { description: 'provider.*, model.*, route.*, webhook.*, config.*' },
    AUDIT: { description: 'audit.export, audit.retention' },
  } satisfies Record<(typeof AUDIT_ACTION_GROUP_NAMES)[number], { description: string }>,
});

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
    targetUser: t.field({
      type: UserType,
      nullable: true,
      description: 'The user acted on, when the target is a user (for login.failed: the account tried)',
      resolve: (r, _a, ctx) => (r.targetType === 'user' && r.targetId && /^[0-9a-f-]{36}$/i.test(r.targetId) ? ctx.loaders.userById.load(r.targetId) : null),
    }),
    promptHash: t.string({ nullable: true, resolve: (r) => r.promptHash ?? null }),
    responseHash: t.string({ nullable: true, resolve: (r) => r.responseHash ?? null }),
    model: t.string({ nullable: true, resolve: (r) => r.model ?? null }),
    provider: t.string({ nullable: true, resolve: (r) => r.provider ?? null }),
    inputTokens: t.int({ nullable: true, resolve: (r) => r.inputTokens ?? null }),
    outputTokens: t.int({ nullable: true, resolve: (r) => r.outputTokens ?? null }),
    latencyMs: t.int({ nullable: true, resolve: (r) => r.latencyMs ?? null }),
    metadata: t.field({ type: 'JSON', resolve: (r) => r.metadata }),
    seq: t.id({ nullable: true, description: 'Position in the hash chain', resolve: (r) => (r.seq == null ? null : String(r.seq)) }),
    prevHash: t.string({ nullable: true, resolve: (r) => r.prevHash ?? null }),
    hash: t.string({ nullable: true, description: 'SHA-256 over the previous hash and this record', resolve: (r) => r.hash ?? null }),
  }),
});

const AuditRecordConnection = connectionType('AuditRecord', AuditRecordType);

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    userId: t.id({ description: 'The actor' }),
    action: t.string({ description: 'One exact action, e.g. user.create, quota.update, login.failed, chat' }),
    actionGroup: t.field({ type: AuditActionGroupEnum, description: 'Every action of a group' }),
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

const ChainProblemKind = builder.enumType('AuditChainProblemKind', { values: ['ALTERED', 'MISSING', 'REORDERED', 'TRUNCATED'] as const });

const ChainProblemType = builder.objectRef<ChainProblem>('AuditChainProblem').implement({
  authScopes: { permission: 'audit:read' },
  fields: (t) => ({
    kind: t.field({ type: ChainProblemKind, resolve: (p) => p.kind }),
    seq: t.id({ resolve: (p) => p.seq }),
    recordId: t.id({ nullable: true, resolve: (p) => p.recordId }),
    message: t.exposeString('message'),
  }),
});

const AuditVerificationType = builder.objectRef<AuditVerification>('AuditVerification').implement({
  authScopes: { permission: 'audit:read' },
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    checkedRecords: t.exposeInt('checkedRecords'),
    firstSeq: t.id({ nullable: true, resolve: (v) => v.firstSeq }),
    lastSeq: t.id({ nullable: true, resolve: (v) => v.lastSeq }),
    problem: t.field({ type: ChainProblemType, nullable: true, description: 'The first record that breaks the chain', resolve: (v) => v.problem }),
  }),
});

builder.queryField('auditVerify', (t) =>
  t.field({
    type: AuditVerificationType,
    description: 'Walks the audit hash chain over a time range: ok, or the first record that breaks it and how',
    authScopes: { permission: 'audit:read' },
    args: { from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, args, ctx) => {
      // Verify what has committed up to now, not only what the background sealer reached.
      await ctx.app.auditSealer.sealNow();
      return verifyAuditChain(ctx.app.sql.durable, { from: args.from, to: args.to });
    },
  }),
);

const AuditCheckpointType = builder.objectRef<AuditCheckpoint>('AuditCheckpoint').implement({
  description: 'Where the kept audit trail starts after retention expired older records',
  authScopes: { permission: 'audit:read' },
  fields: (t) => ({
    id: t.exposeID('id'),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    firstKeptSeq: t.id({ description: 'Chain position of the first record kept', resolve: (c) => c.firstKeptSeq }),
    prevHash: t.exposeString('prevHash', { description: 'Hash of the last dropped record, which the first kept record links to' }),
    droppedThrough: t.field({ type: 'DateTime', description: 'Newest time among the dropped records', resolve: (c) => c.droppedThrough }),
    droppedRecords: t.exposeInt('droppedRecords'),
  }),
});

const AuditRetentionType = builder.objectRef<AuditRetentionState>('AuditRetention').implement({
  authScopes: { permission: 'audit:read' },
  fields: (t) => ({
    retentionDays: t.exposeInt('retentionDays'),
    oldestRecordAt: t.field({ type: 'DateTime', nullable: true, description: 'The oldest record kept', resolve: (s) => s.oldestRecordAt }),
    checkpoints: t.field({ type: [AuditCheckpointType], description: 'Newest first', resolve: (s) => s.checkpoints }),
  }),
});

builder.queryField('auditRetention', (t) =>
  t.field({
    type: AuditRetentionType,
    description: 'How long audit records are kept, and the checkpoints left where older ones were expired',
    authScopes: { permission: 'audit:read' },
    resolve: (_root, _args, ctx) => ctx.app.auditRetention.describe(),
  }),
);
