import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Daily token limits of one user; a null limit means unlimited, a missing row means both unlimited. */
export const Quota = defineEntity({
  name: 'Quota',
  tableName: 'quota',
  properties: {
    userId: p.uuid().primary(),
    dailyInputLimit: p.bigint('number').nullable(),
    dailyOutputLimit: p.bigint('number').nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type QuotaEntity = InferEntity<typeof Quota>;
