import type { TokenUsage } from '../../../plugins/plugin-api.ts';
import { AppError } from '../../errors.ts';
import { RouterError, StreamInterruptedError, type Router, type RouterEvent } from '../../router/index.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { admitChat, type Admission, type AdmitDeps } from './admit-chat.ts';
import type { ChatsInFlight } from './chats-in-flight.ts';
import type { ChatInput } from './chat-input.ts';
import type { ChatEvent, ChatOptions, ChatOutcomeKind, ChatResult, SignedInContext } from './chat.types.ts';
import { routeChat } from './route-chat.ts';
import { settleChat, type ChatOutcome, type SettleDeps } from './settle-chat.ts';

export type { ChatEvent, ChatResult } from './chat.types.ts';

/** Everything a chat touches, built once in server/gateway.ts. */
export interface ChatDeps extends AdmitDeps, SettleDeps {
  router: Router;
  /** The admission limit, shutdown drain and delivery checkpoints of this instance's chats. */
  inFlight: ChatsInFlight;
  /** Runs a task nobody waits for (settling a chat whose client left), tracked so shutdown waits for it. */
  inBackground(task: () => Promise<unknown>): void;
}

/** The one chat core every door calls: GraphQL, the seed REST API, and the vendor-compatible APIs. */
export interface ChatService {
  /** Streams a chat: deltas in order, then one `done` with the result. */
  stream(ctx: SignedInContext, input: ChatInput, options: ChatOptions): AsyncGenerator<ChatEvent>;
  /** Runs a whole chat and returns its final result. */
  run(ctx: SignedInContext, input: ChatInput, options: ChatOptions): Promise<ChatResult>;
}

export function createChatService(deps: ChatDeps): ChatService {
  const service: ChatService = {
    stream: (ctx, input, options) => streamChat(deps, ctx, input, options),
    async run(ctx, input, options) {
      for await (const event of streamChat(deps, ctx, input, options)) {
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
async function* streamChat(deps: ChatDeps, ctx: SignedInContext, input: ChatInput, options: ChatOptions): AsyncGenerator<ChatEvent> {
  const { signal, via } = options;
  const abort = new AbortController();
  let text = '';
  const slot = deps.inFlight.enter(abort, () => text);
  let admission: Admission;
  try {
    admission = await admitChat(deps, ctx, input, via);
  } catch (error) {
    deps.inFlight.leave(slot);
    throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
  }
  slot.chatId = admission.chatId;

  const onAbort = () => abort.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  let kind: ChatOutcomeKind | undefined;
  let failure: unknown;
  let done: Extract<RouterEvent, { type: 'done' }> | undefined;
  let settled: { auditId: string | null; usage: TokenUsage } | undefined;
  try {
    for await (const event of routeChat(deps.router, admission, abort.signal, via !== 'mutation')) {
      if (event.type === 'delta') {
        text += event.text;
        yield { type: 'delta', text: event.text };
      } else {
        done = event;
      }
    }
    kind = 'ok';
  } catch (error) {
    failure = slot.cutByGateway ? new ShutdownCut(error) : error;
    kind = slot.cutByGateway ? 'interrupted' : outcomeOfFailure(error, abort.signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // The consumer stopped iterating (client gone): stop the upstream call, still meter what was used.
    kind ??= 'disconnected';
    if (kind === 'disconnected') abort.abort();
    const outcome: ChatOutcome = { kind, text, done, failure };
    if (kind === 'disconnected') {
      // Nobody waits for this answer; settle without holding up the consumer's teardown.
      deps.inBackground(() => settleChat(deps, ctx, admission, outcome).finally(() => deps.inFlight.leave(slot)));
    } else {
      try {
        settled = await settleChat(deps, ctx, admission, outcome);
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
      usage: done!.usage,
      provider: done!.provider,
      model: done!.model,
      requestedModel: input.model,
      attempts: done!.attempts,
      latencyMs: performance.now() - admission.startedAt,
      finishReason: done!.finishReason ?? null,
      requestId: ctx.requestId,
      chatId: admission.chatId,
      auditId: settled!.auditId,
    },
  };
}

/** The chat was cut because this instance is shutting down (its drain deadline passed). */
class ShutdownCut extends Error {
  constructor(cause: unknown) {
    super('the gateway instance shut down before the answer finished', { cause });
  }
}

function databaseUnavailable(): AppError {
  return new AppError('SERVICE_UNAVAILABLE', "The gateway's database is unreachable; retry the chat shortly", { retryAfterSeconds: 2 });
}

function outcomeOfFailure(error: unknown, abort: AbortSignal): ChatOutcomeKind {
  if (error instanceof StreamInterruptedError) return error.code === 'ABORTED' || abort.aborted ? 'disconnected' : 'interrupted';
  return abort.aborted ? 'disconnected' : 'failed';
}

function toAppError(error: unknown, delivered: string, usage: TokenUsage | undefined): unknown {
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
