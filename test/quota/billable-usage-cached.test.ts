import { expect, test } from 'vitest';
import { billableUsage } from '../../server/modules/metering/usage-check.ts';

test('a recount that raises an under-reported usage keeps the cache hit the vendor reported', async () => {
  const messages = [{ role: 'user' as const, content: 'word '.repeat(400) }];
  const { usage, discrepancy } = await billableUsage({ inputTokens: 1, outputTokens: 1, cachedInputTokens: 1 }, messages, 'an answer of several words');
  expect(discrepancy).toBeDefined();
  expect(usage.inputTokens).toBeGreaterThan(400);
  expect(usage.cachedInputTokens).toBe(1);
  const plain = await billableUsage({ inputTokens: 500, outputTokens: 5, cachedInputTokens: 300 }, messages, 'an answer');
  expect(plain.usage).toEqual({ inputTokens: 500, outputTokens: 5, cachedInputTokens: 300 });
});
