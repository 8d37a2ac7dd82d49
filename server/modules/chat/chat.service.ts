import type { TokenUsage, ToolCall } from '../../../plugins/plugin-api.ts';
import { AppError } from '../../errors.ts';
import { RouterError, StreamInterruptedError, type Router, type RouterEvent } from '../../router/index.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { estimateTokens } from '../metering/token-estimate.ts';
import { admitChat, type Admission, type AdmitDeps } from './admit-chat.ts';
import type { ChatsInFlight } from './chats-in-flight.ts';
import type { ChatObserver, ChatWatch } from './chat-observer.ts';
import type { ChatInput } from './chat-input.ts';
import type { ChatEvent, ChatOptions, ChatOutcomeKind, ChatResult, ChatCaller } from './chat.types.ts';
import { routeChat } from './route-chat.ts';
import { promptHash } from './chat-input.ts';
import { refusalCode, type Refusal, type RefusalRecorder } from '../request-log/refusals.ts';
import { settleChat, type ChatOutcome, type SettleDeps, type Settled } from './settle-chat.ts';

export type { ChatEvent, ChatResult } from './chat.types.ts';

/** Everything a chat touches, built once in server/gateway.ts. */
export interface ChatDeps extends AdmitDeps, SettleDeps {
  router: Router;
  /** The admission limit, shutdown drain and delivery checkpoints of this instance's chats. */
  inFlight: ChatsInFlight;
  /** Runs a task nobody waits for (settling a chat whose client left), tracked so shutdown waits for it. */
  inBackground(task: () => Promise<unknown>): void;
  /** Metrics and traces (server/observability/); absent when both are off. */
  observer?: ChatObserver;
  /** Records chats refused at admission (quota, budget, rate limit, DLP) without holding up the refusal. */
  refusals?: RefusalRecorder;
}

/** The one chat core every door calls: GraphQL, the seed REST API, and the vendor-compatible APIs. */
export interface ChatService {
  /** Streams a chat: deltas in order, then one `done` with the result. */
  stream(ctx: ChatCaller, input: ChatInput, options: ChatOptions): AsyncGenerator<ChatEvent>;
  /** Runs a whole chat and returns its final result. */
  run(ctx: ChatCaller, input: ChatInput, options: ChatOptions): Promise<ChatResult>;
}

export function createChatService(deps: ChatDeps): ChatService {
  const service: ChatService = {
    stream: (ctx, input, options) => streamChat(deps, ctx, input, options, true),
    async run(ctx, input, options) {
      // The caller wants the whole answer: the upstream is asked for it whole too (one response, less work on both sides).
      for await (const event of streamChat(deps, ctx, input, options, false)) {
        if (event.type === 'done') return event.result;
      }
      throw new AppError('INTERNAL_SERVER_ERROR', 'chat ended without a result');
    },
  };
  return service;
}

/**
 * admit → route → settle. Once admitted, the chat is metered and audited
 * exactly once whatever happens: success, provider failure, a stream cut
 * mid-way, or the client going away (the consumer stopping iteration). The
 * audit record is committed before the final event is yielded.
 */
async function* streamChat(deps: ChatDeps, ctx: ChatCaller, input: ChatInput, options: ChatOptions, upstreamStream: boolean): AsyncGenerator<ChatEvent> {
  const { signal, via } = options;
  const abort = new AbortController();
  let text = '';
  const calls = new ToolCallsSoFar();
  const watch = deps.observer?.begin(ctx, input.model, via);
  let slot: ReturnType<ChatsInFlight['enter']>;
  try {
    slot = deps.inFlight.enter(abort, () => text + calls.text());
  } catch (error) {
    watch?.refused(error); // overloaded, or draining
    throw error;
  }
  let admission: Admission;
  const arrivedAt = performance.now();
  try {
    // When traced, DLP gets a span of its own inside admission's.
    const admit = () => admitChat(watch?.attempts ? { ...deps, screen: (c, i, m) => watch.stage('screen', () => deps.screen(c, i, m)) } : deps, ctx, input, via, arrivedAt);
    admission = await (watch ? watch.stage('admit', admit) : admit());
  } catch (error) {
    deps.inFlight.leave(slot);
    if (deps.refusals && refusalCode(error)) deps.refusals.record(refusalOf(ctx, input.model, via, promptHash(input), arrivedAt), error);
    const refusal = isDatabaseUnavailable(error) ? databaseUnavailable() : error;
    watch?.refused(refusal);
    throw refusal;
  }
  slot.chatId = admission.chatId;
  options.onAdmitted?.({ rateLimit: admission.rateLimit?.status ?? null });

  const onAbort = () => abort.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  let kind: ChatOutcomeKind | undefined;
  let failure: unknown;
  let done: Extract<RouterEvent, { type: 'done' }> | undefined;
  let settled: { auditId: string | null; usage: TokenUsage } | undefined;
  const cap = outputCap(admission.maxTokens);
  try {
    for await (const event of routeChat(deps.router, admission, abort.signal, upstreamStream, watch?.attempts)) {
      if (event.type === 'delta') {
        if (cap.reached) continue; // the upstream is being stopped; nothing more goes out
        const allowed = cap.take(event.text);
        if (cap.reached) abort.abort(OUTPUT_CAP_REACHED);
        if (!allowed) continue;
        if (!text) watch?.firstToken();
        text += allowed;
        yield { type: 'delta', text: allowed };
      } else if (event.type === 'tool_call') {
        if (cap.reached) continue;
        // Arguments are JSON: never cut mid-way, but counted, so a runaway call still stops at the cap.
        cap.count(`${event.name ?? ''}${event.arguments ?? ''}`);
        if (cap.reached) abort.abort(OUTPUT_CAP_REACHED);
        calls.add(event);
        yield { type: 'tool_call', index: event.index, id: event.id, name: event.name, arguments: event.arguments };
      } else if (event.type === 'done') {
        // A whole answer that ran past the cap was cut to it: say so.
        done = cap.reached ? { ...event, finishReason: 'length' } : event;
      }
    }
    kind = 'ok';
  } catch (error) {
    if (cap.reached && error instanceof StreamInterruptedError) {
      // The upstream ignored the cap it was sent: the answer ends here, as if length-limited.
      done = cutAtCap(error, admission.startedAt);
      kind = 'ok';
    } else {
      failure = slot.cutByGateway ? new ShutdownCut(error) : error;
      kind = slot.cutByGateway ? 'interrupted' : outcomeOfFailure(error, abort.signal);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // The consumer stopped iterating (client gone): stop the upstream call, still meter what was used.
    kind ??= 'disconnected';
    if (kind === 'disconnected') abort.abort();
    const outcome: ChatOutcome = { kind, text, toolCalls: calls.list(), done, failure, cutAtCap: cap.reached };
    const settle = watch ? () => watchSettlement(watch, outcome, () => settleChat(deps, ctx, admission, outcome)) : () => settleChat(deps, ctx, admission, outcome);
    if (kind === 'disconnected') {
      // Nobody waits for this answer; settle without holding up the consumer's teardown.
      deps.inBackground(() => settle().finally(() => deps.inFlight.leave(slot)));
    } else {
      try {
        settled = await settle();
      } finally {
        deps.inFlight.leave(slot);
      }
    }
  }
  if (failure) throw toAppError(failure, text, settled?.usage);
  yield {
    type: 'done',
    result: {
      text,
      toolCalls: calls.list(),
      usage: settled!.usage,
      provider: done!.provider,
      model: done!.model,
      requestedModel: input.model,
      attempts: done!.attempts,
      latencyMs: performance.now() - admission.startedAt,
      finishReason: done!.finishReason ?? null,
      requestId: ctx.requestId,
      chatId: admission.chatId,
      auditId: settled!.auditId,
      rateLimit: admission.rateLimit?.status ?? null,
    },
  };
}

/** Settles inside the watch's `settle` stage, then tells it how the chat ended. */
async function watchSettlement(watch: ChatWatch, outcome: ChatOutcome, settle: () => Promise<Settled>): Promise<Settled> {
  const { done, failure } = outcome;
  const attempts = done?.attempts ?? (failure instanceof RouterError || failure instanceof StreamInterruptedError ? failure.attempts : []);
  const provider = done?.provider ?? (failure instanceof StreamInterruptedError ? failure.provider : (attempts.at(-1)?.provider ?? ''));
  let usage: TokenUsage | undefined;
  try {
    const settled = await watch.stage('settle', settle);
    usage = settled.usage;
    return settled;
  } finally {
    watch.end({ kind: outcome.kind, provider, attempts, usage });
  }
}

/** A refused call (chat or embedding) as the refusal recorder keeps it. */
export function refusalOf(ctx: ChatCaller, model: string, via: string, hash: string, arrivedAt: number): Refusal {
  const { viewer } = ctx;
  return {
    userId: viewer.userId,
    apiKeyId: viewer.via === 'apiKey' ? viewer.credentialId : null,
    requestId: ctx.requestId,
    model,
    via,
    promptHash: hash,
    latencyMs: performance.now() - arrivedAt,
  };
}

const OUTPUT_CAP_REACHED = new DOMException('the answer reached its output cap', 'AbortError');

/**
 * Counts the output as it streams (a quick estimate) against the cap sent
 * upstream, with slack for the estimate, so an upstream that ignores
 * `max_tokens` cannot run past what was reserved.
 */
function outputCap(maxTokens: number | undefined) {
  const limit = maxTokens === undefined ? Infinity : Math.ceil(maxTokens * 1.25) + 16;
  let delivered = 0;
  let reached = false;
  return {
    get reached() {
      return reached;
    },
    /** The part of `delta` that may still go out; sets `reached` when the cap cuts it. */
    take(delta: string): string {
      if (limit === Infinity) return delta;
      const tokens = estimateTokens(delta);
      if (delivered + tokens <= limit) {
        delivered += tokens;
        return delta;
      }
      reached = true;
      // The share of this delta that still fits (a whole answer arrives as one delta when not streamed).
      let fits = Math.floor((delta.length * Math.max(0, limit - delivered)) / tokens);
      // Never split a surrogate pair.
      if (fits > 0 && /[\ud800-\udbff]/.test(delta[fits - 1])) fits--;
      delivered = limit;
      return delta.slice(0, fits);
    },
    /** Counts output that goes out whole (tool-call pieces); sets `reached` once past the cap. */
    count(piece: string): void {
      if (limit === Infinity) return;
      delivered += estimateTokens(piece);
      if (delivered > limit) reached = true;
    },
  };
}

/** The tool calls of an answer, assembled from their streamed pieces by index. */
class ToolCallsSoFar {
  private readonly byIndex = new Map<number, ToolCall>();

  add(piece: { index: number; id?: string; name?: string; arguments?: string }): void {
    const call = this.byIndex.get(piece.index) ?? { id: '', name: '', arguments: '' };
    if (piece.id) call.id = piece.id;
    if (piece.name && !call.name) call.name = piece.name;
    if (piece.arguments) call.arguments += piece.arguments;
    this.byIndex.set(piece.index, call);
  }

  list(): ToolCall[] {
    return [...this.byIndex.entries()].sort(([a], [b]) => a - b).map(([, call]) => ({ ...call }));
  }

  /** What the calls delivered, as text to count. */
  text(): string {
    let out = '';
    for (const call of this.byIndex.values()) out += call.name + call.arguments;
    return out;
  }
}

function cutAtCap(error: StreamInterruptedError, startedAt: number): Extract<RouterEvent, { type: 'done' }> {
  const attempts = error.attempts.map((a, i, all) => (i === all.length - 1 ? { provider: a.provider, model: a.model, latencyMs: a.latencyMs } : a));
  // Usage unknown (the vendor's report never came): settlement counts it.
  return { type: 'done', usage: { inputTokens: 0, outputTokens: 0 }, finishReason: 'length', provider: error.provider, model: error.model, attempts, latencyMs: performance.now() - startedAt };
}

/** The chat was cut because this instance is shutting down (its drain deadline passed). */
class ShutdownCut extends Error {
  constructor(cause: unknown) {
    super('the gateway instance shut down before the answer finished', { cause });
  }
}

export function databaseUnavailable(): AppError {
  return new AppError('SERVICE_UNAVAILABLE', "The gateway's database is unreachable; retry the chat shortly", { retryAfterSeconds: 2 });
}

function outcomeOfFailure(error: unknown, abort: AbortSignal): ChatOutcomeKind {
  if (error instanceof StreamInterruptedError) return error.code === 'ABORTED' || abort.aborted ? 'disconnected' : 'interrupted';
  return abort.aborted ? 'disconnected' : 'failed';
}

/** A router or shutdown failure as the coded error clients get (shared with the embeddings service). */
export function toAppError(error: unknown, delivered: string, usage: TokenUsage | undefined): unknown {
  if (error instanceof ShutdownCut) {
    return delivered
      ? new AppError('STREAM_INTERRUPTED', `The answer was cut off after ${delivered.length} characters: ${error.message}`, { usage, retryAfterSeconds: 1 })
      : new AppError('SERVICE_UNAVAILABLE', 'This gateway instance is shutting down; retry the chat', { retryAfterSeconds: 1 });
  }
  if (error instanceof StreamInterruptedError) {
    return new AppError('STREAM_INTERRUPTED', `The answer was cut off after ${delivered.length} characters: ${error.message}`, {
      provider: error.provider,
      attempts: error.attempts,
      // What was delivered is metered; the client learns how much.
      usage,
    });
  }
  if (error instanceof RouterError) {
    if (error.code === 'OVERLOADED') return new AppError('OVERLOADED', `${error.message}; retry shortly`, { attempts: error.attempts, retryAfterSeconds: 1 });
    const code = error.code === 'PROVIDER_UNAVAILABLE' ? 'PROVIDER_UNAVAILABLE' : 'BAD_USER_INPUT';
    return new AppError(code, error.message, { attempts: error.attempts });
  }
  return error;
}
