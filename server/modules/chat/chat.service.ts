import type { ChatMessage, TokenUsage } from '../../../plugins/plugin-api.ts';
import { countUsage } from '../../../plugins/_shared/tokens.ts';
import { AppError } from '../../errors.ts';
import { RouterError, StreamInterruptedError, type Attempt } from '../../router/index.ts';
import { dayIn } from '../../util/days.ts';
import { inBackground } from '../../app-state.ts';
import { estimatePromptTokens } from '../metering/token-estimate.ts';
import { quotaState, reserveQuota, type Reservation } from '../metering/quota-reservation.ts';
import type { ServiceContext } from '../service-context.ts';
import { promptHash, responseHash, validateChatInput, type ChatInput } from './chat-input.ts';
import { screenPrompt } from '../dlp/dlp.service.ts';
import { coalesceDeltas } from './coalesce-deltas.ts';

/** Output tokens reserved when the client sets no maxTokens; settlement replaces it with the real count. */
export const DEFAULT_OUTPUT_RESERVE = 1024;

export interface ChatResult {
  text: string;
  usage: TokenUsage;
  /** Provider instance and provider model id that answered. */
  provider: string;
  model: string;
  /** The gateway model name asked for. */
  requestedModel: string;
  attempts: Attempt[];
  latencyMs: number;
  finishReason: string | null;
  requestId: string;
  auditId: string;
}

export type ChatEvent = { type: 'delta'; text: string } | { type: 'done'; result: ChatResult };

type Outcome = 'ok' | 'failed' | 'interrupted' | 'disconnected';

/**
 * Reserves quota, streams from the router, and meters and audits the chat
 * exactly once whatever happens: success, provider failure, a stream cut
 * mid-way, or the client going away (the consumer stopping iteration).
 * The audit record is committed before the final event is yielded.
 */
export async function* streamChat(ctx: ServiceContext, input: ChatInput, signal?: AbortSignal, via: 'mutation' | 'subscription' = 'subscription'): AsyncGenerator<ChatEvent> {
  const { app } = ctx;
  const viewer = ctx.viewer!;
  const started = performance.now();
  validateChatInput(input, (name) => app.providers.modelNames.has(name));
  const hash = promptHash(input);
  // Data protection first: a blocked prompt reserves nothing and goes nowhere; a redacted one goes on redacted.
  const messages = await screenPrompt(ctx, input.messages, input.model);
  // A used-up hard-stop budget refuses the chat before anything is reserved (no query without one).
  await app.budgets.guard.check(viewer.userId, viewer.roleIds);
  const reservation = await reserve(ctx, viewer.userId, { ...input, messages });

  // Accepted: from here every path settles exactly once.
  const abort = new AbortController();
  const onAbort = () => abort.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  let text = '';
  let outcome: Outcome | undefined;
  let failure: unknown;
  let done: Extract<import('../../router/index.ts').RouterEvent, { type: 'done' }> | undefined;
  let auditId = '';
  let settledUsage: TokenUsage | undefined;
  const maxTokens = input.maxTokens ?? reservation.capOutput;
  try {
    const events = coalesceDeltas(app.providers.router.stream(
      input.model,
      { messages, temperature: input.temperature ?? undefined, maxTokens: maxTokens ?? undefined, stop: input.stop ?? undefined, stream: via === 'subscription' },
      abort.signal,
    ));
    for await (const event of events) {
      if (event.type === 'delta') {
        text += event.text;
        yield { type: 'delta', text: event.text };
      } else {
        done = event;
      }
    }
    outcome = 'ok';
  } catch (error) {
    failure = error;
    outcome = error instanceof StreamInterruptedError ? (error.code === 'ABORTED' || abort.signal.aborted ? 'disconnected' : 'interrupted') : abort.signal.aborted ? 'disconnected' : 'failed';
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // The consumer stopped iterating (client gone): stop the upstream call, still meter what was used.
    outcome ??= 'disconnected';
    if (outcome === 'disconnected') abort.abort();
    const settle = async () => {
      const usage = done?.usage ?? (await usageOfUnfinished(messages, text, failure, outcome!));
      settledUsage = usage;
      const attempts = done?.attempts ?? (failure instanceof RouterError ? failure.attempts : []);
      const provider = done?.provider ?? (failure instanceof StreamInterruptedError ? failure.provider : attempts.at(-1)?.provider ?? '');
      const latencyMs = performance.now() - started;
      auditId = await app.settlements.settle({
        reservation,
        usage,
        model: input.model,
        provider,
        audit: {
          promptHash: hash,
          responseHash: text || outcome === 'ok' ? responseHash(text) : null,
          latencyMs,
          metadata: {
            requestId: ctx.requestId,
            via,
            outcome,
            answeredModel: done?.model ?? (failure instanceof StreamInterruptedError ? failure.model : null),
            finishReason: done?.finishReason ?? null,
            attempts,
            reserved: { inputTokens: reservation.inputTokens, outputTokens: reservation.outputTokens },
            ...(failure ? { error: (failure as Error).message } : {}),
            // The prompt as sent upstream: redacted where policy said so.
            ...(app.config.audit.storePromptText ? { prompt: messages, response: text } : {}),
          },
        },
      });
      app.events.publish('usage', {
        at: new Date(),
        userId: viewer.userId,
        model: input.model,
        provider: provider || null,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        outcome: outcome!,
        fellBack: attempts.length > 0 && attempts.some((a) => a.provider !== provider),
        latencyMs,
      });
    };
    if (outcome === 'disconnected') {
      // Nobody waits for this answer; settle without holding up the consumer's teardown.
      inBackground(app, settle);
    } else {
      await settle();
    }
  }
  if (failure) throw toAppError(failure, text, settledUsage);
  yield {
    type: 'done',
    result: {
      text,
      usage: done!.usage,
      provider: done!.provider,
      model: done!.model,
      requestedModel: input.model,
      attempts: done!.attempts,
      latencyMs: performance.now() - started,
      finishReason: done!.finishReason ?? null,
      requestId: ctx.requestId,
      auditId,
    },
  };
}

/** Runs a whole chat and returns its final result (Mutation.chat). */
export async function runChat(ctx: ServiceContext, input: ChatInput, signal?: AbortSignal): Promise<ChatResult> {
  for await (const event of streamChat(ctx, input, signal, 'mutation')) {
    if (event.type === 'done') return event.result;
  }
  throw new AppError('INTERNAL_SERVER_ERROR', 'chat ended without a result');
}

async function reserve(ctx: ServiceContext, userId: string, input: ChatInput): Promise<Reservation & { capOutput?: number }> {
  const timezone = ctx.app.timezone;
  const day = dayIn(timezone);
  const inputTokens = estimatePromptTokens(input.messages);
  const outputTokens = input.maxTokens ?? DEFAULT_OUTPUT_RESERVE;
  try {
    return await reserveQuota(ctx.app.sql.relaxed, { userId, day, inputTokens, outputTokens, timezone });
  } catch (error) {
    // Without maxTokens the default reserve may exceed what is left: reserve the rest and cap the answer there.
    if (input.maxTokens != null || !(error instanceof AppError) || error.details?.limit !== 'DAILY_OUTPUT') throw error;
    const state = await quotaState(ctx.app.sql.relaxed, userId, day);
    const left = (state.dailyOutputLimit ?? 0) - state.outputUsed;
    if (left <= 0) throw error;
    const reservation = await reserveQuota(ctx.app.sql.relaxed, { userId, day, inputTokens, outputTokens: left, timezone });
    return { ...reservation, capOutput: left };
  }
}

async function usageOfUnfinished(messages: ChatMessage[], text: string, failure: unknown, outcome: Outcome): Promise<TokenUsage> {
  if (failure instanceof StreamInterruptedError && failure.usage) return failure.usage;
  // Nothing reached a provider that answered: nothing to bill.
  if (outcome === 'failed') return { inputTokens: 0, outputTokens: 0 };
  return countUsage(messages, text);
}

function toAppError(error: unknown, delivered: string, usage: TokenUsage | undefined): unknown {
  if (error instanceof StreamInterruptedError) {
    return new AppError('STREAM_INTERRUPTED', `The answer was cut off after ${delivered.length} characters: ${error.message}`, {
      provider: error.provider,
      attempts: error.attempts,
      // What was delivered is metered; the client learns how much.
      usage,
    });
  }
  if (error instanceof RouterError) {
    const code = error.code === 'PROVIDER_UNAVAILABLE' ? 'PROVIDER_UNAVAILABLE' : 'BAD_USER_INPUT';
    return new AppError(code, error.message, { attempts: error.attempts });
  }
  return error;
}
