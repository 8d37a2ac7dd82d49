import pino from 'pino';
import { expect, test } from 'vitest';
import { createLocalBus } from '../../server/cluster/bus.ts';
import { AppError } from '../../server/errors.ts';
import type { RateLimitCounters } from '../../server/modules/rate-limits/counters.ts';
import { LimitsCache } from '../../server/modules/rate-limits/limits-cache.ts';
import { RateLimiter } from '../../server/modules/rate-limits/rate-limiter.ts';

const viewer = { userId: '00000000-0000-4000-8000-000000000001', roleIds: [], via: 'session' as const, credentialId: 'x' };

test('a refusal whose counts were read before a concurrent chat took the room still names the limit that applies', async () => {
  // As PostgreSQL answers when the counter row changed after the statement's snapshot: refused, counts look empty.
  const counters: RateLimitCounters = {
    kind: 'postgres',
    take: async () => ({ admitted: false, nowMs: Date.now(), counts: [{ requests: 0, tokens: 0, prevRequests: 0, prevTokens: 0 }] }),
    add: async () => {},
    close: async () => {},
  };
  const limits = new LimitsCache(async () => [{ scope: 'USER', targetId: viewer.userId, requestsPerMinute: null, tokensPerMinute: 500, updatedAt: new Date() }], createLocalBus(), pino({ level: 'silent' }));
  const limiter = new RateLimiter(limits, counters, { failMode: 'open', logger: pino({ level: 'silent' }) });
  const refused = await limiter.admit(viewer, () => 10).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(AppError);
  expect((refused as AppError).details).toMatchObject({ limit: 'TOKENS_PER_MINUTE', scope: 'USER', perMinute: 500, retryAfterMs: 1_000 });
});
