import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dayIn } from '../../util/days.ts';

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

/** userId -> today's totals across models and providers, in the configured time zone. */
export function createTodayUsageLoader(em: EntityManager, timezone: string) {
  return new DataLoader<string, UsageTotals>(async (userIds) => {
    const rows = await em.execute<{ user_id: string; input: string; output: string; requests: string }[]>(
      `select user_id, sum(input_tokens) as input, sum(output_tokens) as output, sum(requests) as requests
       from daily_usage where day = ? and user_id in (?) group by user_id`,
      [dayIn(timezone), [...userIds]],
    );
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    return userIds.map((id) => {
      const r = byUser.get(id);
      return { inputTokens: Number(r?.input ?? 0), outputTokens: Number(r?.output ?? 0), requests: Number(r?.requests ?? 0) };
    });
  });
}
