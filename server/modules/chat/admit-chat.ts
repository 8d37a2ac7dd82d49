import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { ChatMessage } from '../../../plugins/plugin-api.ts';
import { AppError } from '../../errors.ts';
import { dayIn } from '../../util/days.ts';
import { estimatePromptTokens } from '../metering/token-estimate.ts';
import { quotaState, reserveQuota, type LedgerEntry, type Reservation } from '../metering/quota-reservation.ts';
import { promptHash, validateChatInput, type ChatInput } from './chat-input.ts';
import type { ChatEntry, SignedInContext } from './chat.types.ts';

/** Output tokens reserved when the client sets no maxTokens; settlement replaces it with the real count. */
export const DEFAULT_OUTPUT_RESERVE = 1024;

/** What admission needs, passed in from the composition root (server/gateway.ts). */
export interface AdmitDeps {
  /** Whether a gateway model name exists. */
  knownModel(name: string): boolean;
  /** DLP: returns the messages to send upstream (redacted where policy says so) or throws DLP_BLOCKED. */
  screen(ctx: SignedInContext, messages: ChatMessage[], model: string): Promise<ChatMessage[]>;
  /** Refuses a chat under a used-up hard-stop budget. */
  budgets: { check(userId: string, roleIds: readonly string[]): Promise<void> };
  /** The pool quota reservations run on, and the time zone that defines "today". */
  quota: { pool: Pool; timezone: string };
  /** This gateway instance, recorded with every chat it admits (crash recovery settles by instance). */
  instanceId: string;
}

/** An accepted chat: from here on it is settled exactly once, whatever happens. */
export interface Admission {
  /** The chat's id in the ledger; settlement is idempotent by it. */
  chatId: string;
  via: ChatEntry;
  /** The input as it goes upstream (messages screened by DLP). */
  input: ChatInput;
  /** SHA-256 of the prompt as the client sent it. */
  promptHash: string;
  reservation: Reservation;
  /** The output cap sent upstream, when there is one. */
  maxTokens?: number;
  /** performance.now() when the chat arrived. */
  startedAt: number;
}

/**
 * Admits a chat: validates it, screens it (a blocked prompt reserves nothing
 * and goes nowhere), checks hard-stop budgets, and reserves its tokens against
 * the daily quota. Throws a coded AppError when the chat may not run.
 */
export async function admitChat(deps: AdmitDeps, ctx: SignedInContext, input: ChatInput, via: ChatEntry, startedAt = performance.now()): Promise<Admission> {
  const { viewer } = ctx;
  validateChatInput(input, deps.knownModel);
  const hash = promptHash(input);
  const messages = await deps.screen(ctx, input.messages, input.model);
  await deps.budgets.check(viewer.userId, viewer.roleIds);
  const screened = { ...input, messages };
  const ledger: LedgerEntry = {
    chatId: randomUUID(),
    requestId: ctx.requestId,
    instanceId: deps.instanceId,
    apiKeyId: viewer.via === 'apiKey' ? viewer.credentialId : null,
    model: input.model,
    promptHash: hash,
    via,
  };
  const reservation = await reserve(deps.quota, viewer.userId, screened, ledger);
  return { chatId: ledger.chatId, via, input: screened, promptHash: hash, reservation, maxTokens: input.maxTokens ?? reservation.capOutput, startedAt };
}

async function reserve(quota: AdmitDeps['quota'], userId: string, input: ChatInput, ledger: LedgerEntry): Promise<Reservation & { capOutput?: number }> {
  const { pool, timezone } = quota;
  const day = dayIn(timezone);
  const inputTokens = estimatePromptTokens(input.messages);
  const outputTokens = input.maxTokens ?? DEFAULT_OUTPUT_RESERVE;
  try {
    return await reserveQuota(pool, { userId, day, inputTokens, outputTokens, timezone, ledger });
  } catch (error) {
    // Without maxTokens the default reserve may exceed what is left: reserve the rest and cap the answer there.
    if (input.maxTokens != null || !(error instanceof AppError) || error.details?.limit !== 'DAILY_OUTPUT') throw error;
    const state = await quotaState(pool, userId, day);
    const left = (state.dailyOutputLimit ?? 0) - state.outputUsed;
    if (left <= 0) throw error;
    const reservation = await reserveQuota(pool, { userId, day, inputTokens, outputTokens: left, timezone, ledger });
    return { ...reservation, capOutput: left };
  }
}
