import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Tokens used per user, day (in the configured time zone), model and provider.
 * No foreign key to the user: usage is accounting history and outlives a deleted user.
 */
export const DailyUsage = defineEntity({
  name: 'DailyUsage',
  tableName: 'daily_usage',
  properties: {
    day: p.date().primary(),
    userId: p.uuid().primary(),
    model: p.string().length(200).primary(),
    provider: p.string().length(200).primary(),
    inputTokens: p.bigint('number').default(0),
    outputTokens: p.bigint('number').default(0),
    requests: p.integer().default(0),
    /** Cost in the configured currency, priced when each chat settled (migration 0006). */
    cost: p.decimal('number').columnType('numeric').default(0),
  },
  indexes: [{ properties: ['userId', 'day'] }],
});
export type DailyUsageEntity = InferEntity<typeof DailyUsage>;
