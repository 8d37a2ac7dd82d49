import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A console login. Only the SHA-256 of the bearer token is stored. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    tokenHash: p.string().length(64).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});
export type SessionEntity = InferEntity<typeof Session>;
