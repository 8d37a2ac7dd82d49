import type { Pool } from 'pg';
import { AppError } from '../../errors.ts';
import { startOfNextDay } from '../../util/time-zone.ts';
import type { AdmissionQueue } from './admission-queue.ts';
import { admitChatRow, quotaState, type LedgerEntry, type QuotaLimits, type Reservation } from './metering.store.ts';

/** The hard-stop budgets over a chat, and how to word a refusal. */
export interface BudgetHold {
  budgetIds: readonly string[];
  period: { period: string; from: string; until: string };
  /** The error when one of them cannot take this chat's worst-case cost. */
  refusal(budgetId: string, committed: number, cost: number): AppError;
}

/**
 * A hard-stop budget could not hold this chat's worst-case cost. Carries what
 * admission needs to try a smaller output cap before refusing with `refusal`.
 */
export class BudgetShortfall extends Error {
  constructor(
    readonly refusal: AppError,
    /** What the budget has left after settled spend and everything in flight. */
    readonly left: number,
    /** The cost of the reserved input at the model's price. */
    readonly inputCost: number,
    readonly outputPerMillion: number,
  ) {
    super(refusal.message);
  }
}

/**
 * Reserves the estimated tokens of one request against the user's daily quota
 * and writes the chat ahead in the ledger, atomically, or throws QUOTA_EXCEEDED
 * saying which limit, what is used, what remains and when it resets.
 */
export async function reserveQuota(
  db: { pool: Pool; admissions?: AdmissionQueue },
  request: Reservation & { timezone: string; ledger: LedgerEntry; budgets?: BudgetHold },
): Promise<Reservation & { outputLimited: boolean }> {
  const { userId, day, inputTokens, outputTokens, ledger, budgets } = request;
  const { pool, admissions } = db;
  let state: QuotaLimits;
  let inputShort: boolean;
  for (let attempt = 0; ; attempt++) {
    const reservation = { userId, day, inputTokens, outputTokens };
    // Chats under no hard-stop budget go through group admission when there is one; budget holds are admitted alone.
    const admitted =
      admissions && !budgets
        ? await admissions.admit(reservation, ledger)
        : await admitChatRow(pool, reservation, ledger, budgets && { ids: budgets.budgetIds, period: budgets.period.period, from: budgets.period.from, until: budgets.period.until });
    if (admitted.status === 'ok') return { userId, day, inputTokens, outputTokens, outputLimited: admitted.output_limit !== null };
    if (admitted.status === 'budget') {
      const committed = Number(admitted.spent) + Number(admitted.held);
      const inputCost = Number(admitted.input_cost);
      const outputPerMillion = Number(admitted.output_per_million);
      const refusal = budgets!.refusal(admitted.budget_id!, committed, inputCost + (outputTokens * outputPerMillion) / 1e6);
      throw new BudgetShortfall(refusal, Number(admitted.amount) - committed, inputCost, outputPerMillion);
    }
    state = await quotaState(pool, userId, day);
    inputShort = state.dailyInputLimit !== null && state.inputUsed + inputTokens > state.dailyInputLimit;
    const outputShort = state.dailyOutputLimit !== null && state.outputUsed + outputTokens > state.dailyOutputLimit;
    // Requests settling in between may have returned reserved tokens: then it fits now, try again.
    if (inputShort || outputShort) break;
    if (attempt >= 2) {
      // Still racing other requests of this user: blame the limit with the least room for this request.
      const room = (limit: number | null, used: number, need: number) => (limit === null ? Infinity : (limit - used) / Math.max(need, 1));
      inputShort = room(state.dailyInputLimit, state.inputUsed, inputTokens) <= room(state.dailyOutputLimit, state.outputUsed, outputTokens);
      break;
    }
  }
  const which = inputShort ? 'input' : 'output';
  const limit = (inputShort ? state.dailyInputLimit : state.dailyOutputLimit) ?? 0;
  const used = inputShort ? state.inputUsed : state.outputUsed;
  const requested = inputShort ? inputTokens : outputTokens;
  const resetsAt = startOfNextDay(request.timezone).toISOString();
  throw new AppError(
    'QUOTA_EXCEEDED',
    `Daily ${which} token quota exceeded: this request needs about ${requested}, ${Math.max(0, limit - used)} of ${limit} remain today; resets at ${resetsAt}`,
    { limit: which === 'input' ? 'DAILY_INPUT' : 'DAILY_OUTPUT', limitTokens: limit, usedTokens: used, remainingTokens: Math.max(0, limit - used), requestedTokens: requested, resetsAt },
  );
}
