import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AppError } from '../../errors.ts';
import { dayIn } from '../../util/days.ts';
import { estimatePromptTokens, promptTokenBound } from '../metering/token-estimate.ts';
import { promptTokensWithMargin } from '../metering/token-count.ts';
import { BudgetShortfall, reserveQuota, type BudgetHold } from '../metering/quota-reservation.ts';
import { quotaState, type LedgerEntry, type Reservation } from '../metering/metering.store.ts';
import { promptHash, validateChatInput, type ChatInput } from './chat-input.ts';
import type { ChatEntry, ChatCaller } from './chat.types.ts';
import type { AdmissionQueue } from '../metering/admission-queue.ts';
import type { RateLimiter, RateLimitTicket } from '../rate-limits/rate-limiter.ts';

/** Output tokens reserved when the client sets no maxTokens; settlement replaces it with the real count. */
export const DEFAULT_OUTPUT_RESERVE = 1024;

/** What admission needs, passed in from the composition root (server/gateway.ts). */
export interface AdmitDeps {
  /** Whether a gateway model name exists. */
  knownModel(name: string): boolean;
  /** DLP: returns the input to send upstream (messages and stop sequences redacted where policy says so) or throws DLP_BLOCKED. */
  screen(ctx: ChatCaller, input: ChatInput, model: string): Promise<ChatInput>;
  /** The hard-stop budgets over the user, whose worst-case cost admission holds; null when none applies. */
  budgets: { check(userId: string, roleIds: readonly string[]): Promise<BudgetHold | null> };
  /** Requests and tokens per minute: counted at admission (prompt estimate), output added at settlement. */
  rateLimits: Pick<RateLimiter, 'admit' | 'settle'>;
  /** The pool quota reservations run on, group admission over it, and the time zone that defines "today". */
  quota: { pool: Pool; timezone: string; admissions?: AdmissionQueue };
  /** This gateway instance, recorded with every chat it admits (crash recovery settles by instance). */
  instanceId: string;
}

/** An accepted chat: from here on it is settled exactly once, whatever happens. */
export interface Admission {
  /** The chat's id in the ledger; settlement is idempotent by it. */
  chatId: string;
  via: ChatEntry;
  /** The input as it goes upstream (messages and stop sequences screened by DLP). */
  input: ChatInput;
  /** SHA-256 of the prompt as the client sent it. */
  promptHash: string;
  reservation: Reservation;
  /** The rate-limit counters this chat was counted on (null when no limit applies), and the figures after it. */
  rateLimit: RateLimitTicket | null;
  /**
   * The output cap sent upstream and enforced on the stream: the request's maxTokens, or,
   * when a quota or hard-stop budget limits the user, what was reserved. Unset when nothing limits the answer.
   */
  maxTokens?: number;
  /** performance.now() when the chat arrived. */
  startedAt: number;
  /** The gateway request the chat serves; tags the router's failure log lines and error messages. */
  requestId: string;
}

/**
 * Admits a chat: validates it, screens it (a blocked prompt reserves nothing
 * and goes nowhere), checks hard-stop budgets, counts it against rate limits,
 * and reserves its tokens against the daily quota. Throws a coded AppError when the chat may not run.
 */
export async function admitChat(deps: AdmitDeps, ctx: ChatCaller, input: ChatInput, via: ChatEntry, startedAt = performance.now()): Promise<Admission> {
  const { viewer } = ctx;
  validateChatInput(input, deps.knownModel);
  const hash = promptHash(input);
  const screened = await deps.screen(ctx, input, input.model);
  const budgets = await deps.budgets.check(viewer.userId, viewer.roleIds);
  const rateLimit = await deps.rateLimits.admit(viewer, () => estimatePromptTokens(screened.messages));
  const ledger: LedgerEntry = {
    chatId: randomUUID(),
    requestId: ctx.requestId,
    instanceId: deps.instanceId,
    apiKeyId: viewer.via === 'apiKey' ? viewer.credentialId : null,
    model: input.model,
    promptHash: hash,
    via,
  };
  const reservation = await reserve(deps.quota, viewer.userId, screened, ledger, budgets);
  const limited = reservation.outputLimited || budgets !== null;
  return { chatId: ledger.chatId, via, input: screened, promptHash: hash, reservation, rateLimit, maxTokens: input.maxTokens ?? (limited ? reservation.outputTokens : undefined), startedAt, requestId: ctx.requestId };
}

async function reserve(
  quota: AdmitDeps['quota'],
  userId: string,
  input: ChatInput,
  ledger: LedgerEntry,
  budgets: BudgetHold | null,
): Promise<Reservation & { outputLimited: boolean }> {
  const { pool, timezone } = quota;
  const day = dayIn(timezone);
  // Tool definitions and a JSON schema go upstream as prompt too: bounded by their bytes like the messages.
  const definitions = definitionsBound(input);
  let inputTokens = promptTokenBound(input.messages) + definitions;
  let outputTokens = input.maxTokens ?? DEFAULT_OUTPUT_RESERVE;
  let tightened = false;
  let capped = false;
  let budgetCapped = false;
  for (;;) {
    try {
      return await reserveQuota(quota, { userId, day, inputTokens, outputTokens, timezone, ledger, budgets: budgets ?? undefined });
    } catch (error) {
      if (error instanceof BudgetShortfall) {
        // The byte bound may price the prompt far above its real size: count it before refusing.
        if (!tightened && error.inputCost > 0) {
          tightened = true;
          const counted = (await promptTokensWithMargin(input.messages)) + definitions;
          if (counted < inputTokens) {
            inputTokens = counted;
            continue;
          }
        }
        // Without maxTokens, reserve the output the budget can still pay for and cap the answer there.
        const affordable = error.outputPerMillion > 0 ? Math.floor(((error.left - error.inputCost) * 1e6) / error.outputPerMillion) : 0;
        if (input.maxTokens == null && !budgetCapped && affordable >= 1 && affordable < outputTokens) {
          budgetCapped = true;
          outputTokens = affordable;
          continue;
        }
        throw error.refusal;
      }
      if (!(error instanceof AppError) || error.code !== 'QUOTA_EXCEEDED') throw error;
      if (error.details?.limit === 'DAILY_INPUT' && !tightened) {
        // Close to the limit the byte bound refuses prompts that fit: count them, with a margin.
        tightened = true;
        const counted = (await promptTokensWithMargin(input.messages)) + definitions;
        if (counted < inputTokens) {
          inputTokens = counted;
          continue;
        }
      } else if (error.details?.limit === 'DAILY_OUTPUT' && input.maxTokens == null && !capped) {
        // Without maxTokens the default reserve may exceed what is left: reserve the rest and cap the answer there.
        capped = true;
        const state = await quotaState(pool, userId, day);
        const left = (state.dailyOutputLimit ?? 0) - state.outputUsed;
        if (left > 0) {
          outputTokens = left;
          continue;
        }
      }
      throw error;
    }
  }
}

/** An upper bound on the tokens of the tool definitions and response schema (one per byte of their JSON at most). */
function definitionsBound(input: ChatInput): number {
  let bytes = 0;
  if (input.tools?.length) bytes += Buffer.byteLength(JSON.stringify(input.tools), 'utf8');
  if (input.responseFormat?.type === 'json_schema') bytes += Buffer.byteLength(JSON.stringify(input.responseFormat.schema), 'utf8');
  return bytes;
}
