import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    name: p.string().length(200),
    // The visible part of the key ("zgk_ab12cd34"), shown in lists so owners can tell keys apart.
    prefix: p.string().length(32),
    // SHA-256 of the whole secret. Keys are 256-bit random, so a fast hash is safe and keeps auth cheap.
    secretHash: p.string().length(64).unique().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['userId', 'createdAt', 'id'] }],
});
export type ApiKeyEntity = InferEntity<typeof ApiKey>;
