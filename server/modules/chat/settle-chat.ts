import type { ChatMessage, TokenUsage, ToolCall } from '../../../plugins/plugin-api.ts';
import { RouterError, StreamInterruptedError, type RouterEvent } from '../../router/index.ts';
import type { Logger } from 'pino';
import { countUsage } from '../metering/token-count.ts';
import { billableUsage } from '../metering/usage-check.ts';
import type { SettlementQueue } from '../metering/settlement-queue.ts';
import type { RateLimiter } from '../rate-limits/rate-limiter.ts';
import type { UsageEvents } from '../usage/usage-events.ts';
import type { Admission } from './admit-chat.ts';
import { imageCount, responseHash } from './chat-input.ts';
import type { ChatOutcomeKind, ChatCaller } from './chat.types.ts';

/** What settlement needs, passed in from the composition root (server/gateway.ts). */
export interface SettleDeps {
  /** Group-commits usage, cost and the audit record. */
  settlements: SettlementQueue;
  /** The live feed of settled chats. */
  events: UsageEvents;
  /** Adds the output tokens to the rate-limit counters the chat was admitted on. */
  rateLimits: Pick<RateLimiter, 'admit' | 'settle'>;
  /** Keep prompt and answer text in the audit record (config `audit.storePromptText`). */
  storePromptText: boolean;
  logger: Logger;
}

/** How a chat ended, with what was delivered. */
export interface ChatOutcome {
  kind: ChatOutcomeKind;
  /** Text delivered to the client. */
  text: string;
  /** Tool calls delivered to the client (whole or as far as they streamed). */
  toolCalls?: ToolCall[];
  /** The router's final event, when the provider finished. */
  done?: Extract<RouterEvent, { type: 'done' }>;
  failure?: unknown;
  /** The gateway ended the answer at its output cap: the vendor's usage never came, so it is counted here. */
  cutAtCap?: boolean;
}

export interface Settled {
  /** Null while the settlement waits in the local spool (the database was unreachable). */
  auditId: string | null;
  usage: TokenUsage;
}

/**
 * At most one warning a minute per key: `take` answers null while the key is
 * quiet, else how many were held back since its last warning.
 */
class OncePerMinute {
  private readonly last = new Map<string, { at: number; held: number }>();
  take(key: string, now = performance.now()): number | null {
    const seen = this.last.get(key);
    if (seen && now - seen.at < 60_000) {
      seen.held++;
      return null;
    }
    this.last.set(key, { at: now, held: 0 });
    return seen?.held ?? 0;
  }
}

/** A vendor that under-reports does so on every chat: warn about it without a log line per chat. */
const underReportWarnings = new OncePerMinute();

/**
 * Meters and audits one chat, whatever its outcome: releases the reservation in
 * favour of the real counts, records cost and the audit record (committed
 * before this resolves), and publishes it to the live feed.
 */
export async function settleChat(deps: SettleDeps, ctx: ChatCaller, admission: Admission, outcome: ChatOutcome): Promise<Settled> {
  const { done, failure, text, kind } = outcome;
  const toolCalls = outcome.toolCalls ?? [];
  const { input, reservation, via } = admission;
  // Tool calls are output as much as text is: counted with it where the vendor's figure is missing or checked.
  const delivered = text + toolCalls.map((c) => c.name + c.arguments).join('');
  let usage: TokenUsage;
  let underReported: Record<string, unknown> | undefined;
  if (outcome.cutAtCap) {
    usage = await countUsage(input.messages, delivered);
  } else if (done) {
    const billed = await billableUsage(done.usage, input.messages, delivered);
    usage = billed.usage;
    if (billed.discrepancy) {
      underReported = { reportedUsage: billed.discrepancy.reported, countedUsage: billed.discrepancy.counted };
      // Every such chat says so in its audit record; the log says it once a minute per provider and model.
      const suppressed = underReportWarnings.take(`${done.provider}\u0000${done.model}`);
      if (suppressed !== null) {
        deps.logger.warn(
          { requestId: ctx.requestId, provider: done.provider, model: done.model, ...underReported, sinceLastWarning: suppressed },
          'provider reported less usage than the gateway counted; billing the larger',
        );
      }
    }
  } else {
    usage = await usageOfUnfinished(input.messages, delivered, failure, kind);
  }
  deps.rateLimits.settle(admission.rateLimit, usage.outputTokens);
  const attempts = done?.attempts ?? (failure instanceof RouterError ? failure.attempts : []);
  const provider = done?.provider ?? (failure instanceof StreamInterruptedError ? failure.provider : attempts.at(-1)?.provider ?? '');
  const latencyMs = performance.now() - admission.startedAt;
  const auditId = await deps.settlements.settle({
    chatId: admission.chatId,
    reservation,
    usage,
    model: input.model,
    provider,
    audit: {
      promptHash: admission.promptHash,
      // A text-only answer hashes as its text; one with tool calls hashes them too.
      responseHash: !text && !toolCalls.length && kind !== 'ok' ? null : responseHash(toolCalls.length ? JSON.stringify({ text, toolCalls }) : text),
      latencyMs,
      metadata: {
        requestId: ctx.requestId,
        via,
        outcome: kind,
        answeredModel: done?.model ?? (failure instanceof StreamInterruptedError ? failure.model : null),
        finishReason: done?.finishReason ?? null,
        attempts,
        ...(toolCalls.length ? { toolCalls: toolCalls.map((c) => ({ id: c.id, name: c.name })) } : {}),
        ...(input.tools?.length ? { tools: input.tools.map((t) => t.name) } : {}),
        ...(input.responseFormat && input.responseFormat.type !== 'text' ? { responseFormat: input.responseFormat.type } : {}),
        ...(imageCount(input.messages) ? { images: imageCount(input.messages), dlp: { unscreenedImages: imageCount(input.messages) } } : {}),
        ...(usage.cachedInputTokens ? { cachedInputTokens: usage.cachedInputTokens } : {}),
        ...(input.endUser ? { endUser: input.endUser } : {}),
        reserved: { inputTokens: reservation.inputTokens, outputTokens: reservation.outputTokens },
        ...(done?.finishReason === 'length' && admission.maxTokens !== undefined ? { outputCap: admission.maxTokens } : {}),
        ...underReported,
        // Router messages are generic by design (the upstream's words are only in the server log); anything else is ours.
        ...(failure ? { error: failure instanceof RouterError ? failure.message : 'internal error' } : {}),
        // The prompt as sent upstream: redacted where policy said so.
        ...(deps.storePromptText ? { prompt: withoutImageBytes(input.messages), response: text, ...(toolCalls.length ? { responseToolCalls: toolCalls } : {}) } : {}),
      },
    },
  });
  publishSettled(deps.events, { userId: ctx.viewer.userId, model: input.model, provider, usage, outcome: kind, attempts, latencyMs });
  return { auditId, usage };
}

/** Image bytes never reach the audit trail, even with prompt text kept: only their hash. */
function withoutImageBytes(messages: ChatMessage[]): ChatMessage[] {
  if (!imageCount(messages)) return messages;
  return messages.map((m) =>
    Array.isArray(m.content)
      ? { ...m, content: m.content.map((p) => (p.type === 'image' && p.source.kind === 'base64' ? { type: 'text' as const, text: `[image ${p.source.mediaType} sha256:${responseHash(Buffer.from(p.source.data, 'base64'))}]` } : p)) }
      : m,
  );
}

async function usageOfUnfinished(messages: ChatMessage[], text: string, failure: unknown, kind: ChatOutcomeKind): Promise<TokenUsage> {
  if (failure instanceof StreamInterruptedError && failure.usage) return failure.usage;
  // Nothing reached a provider that answered: nothing to bill.
  if (kind === 'failed') return { inputTokens: 0, outputTokens: 0 };
  return countUsage(messages, text);
}

/** Tells the live feed (`Subscription.usageEvents`, every instance) about a settled chat or embedding call. */
export function publishSettled(
  events: UsageEvents,
  s: { userId: string; model: string; provider: string; usage: TokenUsage; outcome: string; attempts: readonly { provider: string }[]; latencyMs: number },
): void {
  events.publish('usage', {
    at: new Date(),
    userId: s.userId,
    model: s.model,
    provider: s.provider || null,
    inputTokens: s.usage.inputTokens,
    outputTokens: s.usage.outputTokens,
    outcome: s.outcome,
    fellBack: s.attempts.length > 0 && s.attempts.some((a) => a.provider !== s.provider),
    latencyMs: s.latencyMs,
  });
}
