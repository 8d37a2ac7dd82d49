import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One audited event: a chat or an admin action. `userId` is the actor; the user
 * may be deleted later, so there is no foreign key.
 */
export const AuditRecord = defineEntity({
  name: 'AuditRecord',
  tableName: 'audit_record',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    userId: p.uuid().nullable(),
    at: p.datetime().onCreate(() => new Date()),
    action: p.string().length(100),
    targetType: p.string().length(50).nullable(),
    targetId: p.string().length(100).nullable(),
    promptHash: p.string().length(64).nullable(),
    responseHash: p.string().length(64).nullable(),
    model: p.string().length(200).nullable(),
    provider: p.string().length(200).nullable(),
    inputTokens: p.integer().nullable(),
    outputTokens: p.integer().nullable(),
    latencyMs: p.integer().nullable(),
    metadata: p.json<Record<string, unknown>>().default('{}'),
    // Set by the sealer (audit_chain_extend, server/db/functions/) after the row commits; never written by the application.
    seq: p.bigint('string').nullable(),
    prevHash: p.string().length(64).nullable(),
    hash: p.string().length(64).nullable(),
  },
  indexes: [
    { properties: ['at', 'id'] },
    { properties: ['userId', 'at'] },
    { properties: ['action', 'at'] },
  ],
});
export type AuditRecordEntity = InferEntity<typeof AuditRecord>;
