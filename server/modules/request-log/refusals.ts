import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../../errors.ts';
import { dayIn } from '../../util/days.ts';
import type { SettlementQueue } from '../metering/settlement-queue.ts';
import type { UsageEvents } from '../usage/usage-events.ts';

/** The error codes that refuse a chat before it goes upstream, and are recorded as `chat.refused`. */
export const REFUSAL_CODES = ['QUOTA_EXCEEDED', 'BUDGET_EXCEEDED', 'RATE_LIMITED', 'DLP_BLOCKED', 'FORBIDDEN', 'UNAUTHENTICATED'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
const CODES = new Set<string>(REFUSAL_CODES);

// What the audit record keeps of a refusal's extensions: why, never the prompt or a match.
const KEPT_DETAILS = ['limit', 'scope', 'targetId', 'perMinute', 'budgetId', 'detectors', 'requestTooLarge', 'limitTokens', 'requestedTokens'];

/** A refused chat request, as the door or the chat core knew it. */
export interface Refusal {
  userId: string;
  apiKeyId: string | null;
  requestId: string;
  /** The gateway model asked for ('' when the request never got that far). */
  model: string;
  via: string;
  /** SHA-256 of the prompt, when it was read. */
  promptHash: string | null;
  latencyMs: number;
}

export interface RefusalRecorder {
  /**
   * Records the refusal when `error` is one (quota, budget, rate limit, DLP,
   * access); anything else is ignored. Never waits and never throws: the
   * refusal reaches the client at once, its record goes with the next
   * settlement batch (spooled locally if the database is unreachable).
   */
  record(refusal: Refusal, error: unknown): void;
}

/** The reason code of a refusal, or null when the error is not one. */
export function refusalCode(error: unknown): RefusalCode | null {
  return error instanceof AppError && CODES.has(error.code) ? (error.code as RefusalCode) : null;
}

/**
 * Refusals travel the settlement path: the same group commit, spool and
 * replay as answered chats, so recording them costs no round trip of its own
 * and a burst of refusals shares statements with the chats around it.
 * settle_chats sees `outcome: 'refused'`, adds no usage and audits it as `chat.refused`,
 * once, even when the spool replays it (it keeps a settled ledger row per refusal).
 */
export function createRefusalRecorder(deps: { settlements: Pick<SettlementQueue, 'settle'>; timezone: string; logger: Logger; events?: UsageEvents }): RefusalRecorder {
  return {
    record(refusal, error) {
      const reason = refusalCode(error);
      if (!reason) return;
      const details = (error as AppError).details ?? {};
      const kept = Object.fromEntries(KEPT_DETAILS.filter((k) => details[k] !== undefined).map((k) => [k, details[k]]));
      deps.settlements
        .settle({
          chatId: randomUUID(),
          reservation: { userId: refusal.userId, day: dayIn(deps.timezone), inputTokens: 0, outputTokens: 0 },
          usage: { inputTokens: 0, outputTokens: 0 },
          model: refusal.model,
          provider: '',
          audit: {
            promptHash: refusal.promptHash,
            responseHash: null,
            latencyMs: refusal.latencyMs,
            metadata: {
              requestId: refusal.requestId,
              via: refusal.via,
              outcome: 'refused',
              reason,
              attempts: [],
              ...(refusal.apiKeyId ? { apiKeyId: refusal.apiKeyId } : {}),
              ...(Object.keys(kept).length ? { refusal: kept } : {}),
            },
          },
        })
        // On the live feed once recorded, so the dashboard's figures move with it.
        .then(() =>
          deps.events?.publish('usage', {
            at: new Date(),
            userId: refusal.userId,
            model: refusal.model,
            provider: null,
            inputTokens: 0,
            outputTokens: 0,
            outcome: 'refused',
            fellBack: false,
            latencyMs: refusal.latencyMs,
          }),
        )
        .catch((err: unknown) => deps.logger.error({ err, requestId: refusal.requestId, reason }, 'recording a refused chat failed'));
    },
  };
}
