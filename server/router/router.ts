/**
 * The resilient router: maps a gateway model name to its provider chain and
 * serves from the first provider that can, with retries, backoff, fallback,
 * circuit breakers, concurrency limits and per-attempt timeouts. Chats and
 * embeddings share one attempt loop. Providers whose plugin (or the model's
 * configured capabilities) cannot serve the request's features are skipped
 * before anything goes upstream. Retry and fallback only happen before the
 * first delta reaches the caller; after that a failure ends the stream.
 */
import { ProviderError, TEXT_ONLY, type FinishReason, type PluginFeatures, type Provider, type TokenUsage } from '../../plugins/plugin-api.ts';
import type { ModelConfig } from '../config/schema.ts';
import { createAttemptControl, type AttemptControl } from './attempt-control.ts';
import { backoffDelay } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { RouterError, StreamInterruptedError, type Attempt } from './errors.ts';
import { modelCapabilities, requiredFeatures, unsupportedReason, type RequestFeature } from './features.ts';
import { ProviderStats } from './provider-stats.ts';
import { publicReason } from './public-reason.ts';
import { countsAgainstProvider, decideRetry } from './retry-policy.ts';
import type { AttemptFailure, AttemptWatcher, EmbedResult, EmbedRouterRequest, Router, RouterEvent, RouterOptions, RouterRequest } from './types.ts';

export type {
  AttemptFailure,
  AttemptWatcher,
  EmbedResult,
  EmbedRouterRequest,
  ModelDescription,
  ProviderDescription,
  ProviderHealth,
  Router,
  RouterEvent,
  RouterOptions,
  RouterRequest,
} from './types.ts';

interface Slot {
  id: string;
  plugin: string;
  provider?: Provider;
  features: PluginFeatures;
  breaker: CircuitBreaker;
  stats: ProviderStats;
  /** Attempts running against this provider now, and the most it takes at once. */
  active: number;
  maxConcurrent: number;
}

const NEVER = new AbortController().signal;

/** Attempts a provider instance takes at once unless its config says otherwise (`providers[].maxConcurrent`). */
export const DEFAULT_MAX_CONCURRENT = 512;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whatever the plugin threw, as a ProviderError; our own timer and the caller's abort take precedence. */
function classify(err: unknown, ctl: AttemptControl, caller: AbortSignal): ProviderError {
  if (ctl.timedOut) return new ProviderError('attempt timed out', { kind: 'timeout', retryable: true, cause: err });
  if (caller.aborted) return new ProviderError('request aborted', { kind: 'aborted', retryable: false, cause: err });
  if (err instanceof ProviderError) return err;
  // A plugin bug, not an upstream verdict: do not hammer it, let the next provider try.
  return new ProviderError(`provider failed: ${(err as Error)?.message ?? err}`, { kind: 'server', retryable: false, cause: err });
}

/** One attempt's progress, shared between the attempt loop and the body that talks to the provider. */
interface AttemptState<R> {
  /** Set by the body once the provider answered in full. */
  result?: R;
  /** Text that already reached the caller (reported when the stream breaks). */
  delivered: string;
  /** Usage the provider reported before failing, if it did. */
  usage?: TokenUsage;
  /** Trace context for the upstream request, when the attempt is traced. */
  traceHeaders?: Readonly<Record<string, string>>;
}

/**
 * Talks to one provider for one attempt: yields what the caller sees (each
 * yield commits the attempt: no retry or fallback after it) and sets
 * `state.result` when the provider answered in full. Throws on failure.
 */
type AttemptBody<E, R> = (provider: Provider, model: string, ctl: AttemptControl, state: AttemptState<R>) => AsyncGenerator<E>;

interface ChainOutcome<R> {
  result: R;
  provider: string;
  model: string;
  attempts: Attempt[];
  latencyMs: number;
}

interface ChainCall {
  /** Features the request needs; providers that cannot serve them are skipped. */
  need: RequestFeature[];
  requestId?: string;
  /** The request as the failure reporter sees it. */
  request: RouterRequest | EmbedRouterRequest;
  /** How long the attempt may wait for its first progress. */
  firstProgressMs: number;
  watch?: AttemptWatcher;
  signal: AbortSignal;
}

type Target = ModelConfig['primary'];

export function createRouter(o: RouterOptions): Router {
  const clock = o.clock ?? performance.now.bind(performance);
  const sleep = o.sleep ?? abortableSleep;
  const random = o.random ?? Math.random;
  const r = o.config.resilience;
  const backoff = { baseMs: r.baseBackoffMs, maxMs: r.maxBackoffMs, jitter: r.jitter };
  const firstTokenMs = Math.min(r.firstTokenTimeoutMs ?? r.attemptTimeoutMs, r.attemptTimeoutMs);

  const slots = new Map<string, Slot>();
  for (const p of o.config.providers) {
    const provider = o.providers.get(p.id);
    const health = o.health?.get(p.id) ?? { breaker: new CircuitBreaker(r.circuit, clock), stats: new ProviderStats(256, 300_000, clock) };
    o.health?.set(p.id, health);
    slots.set(p.id, {
      id: p.id,
      plugin: p.plugin,
      provider,
      features: o.features?.get(p.id) ?? TEXT_ONLY,
      breaker: health.breaker,
      stats: health.stats,
      active: 0,
      maxConcurrent: p.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
    });
  }
  const models = new Map(o.config.models.map((m) => [m.name, m]));
  const reportFailure = (failure: AttemptFailure) => {
    try {
      o.onAttemptFailure?.(failure);
    } catch {
      // A reporter's bug must not change the routing outcome.
    }
  };

  /**
   * The one attempt loop of chats and embeddings: walks the model's chain,
   * skips providers that cannot serve the request's features, that are at
   * their concurrency limit or whose circuit is open, retries with backoff,
   * falls back, and returns the first full answer.
   */
  async function* runChain<E, R>(modelName: string, call: ChainCall, body: AttemptBody<E, R>): AsyncGenerator<E, ChainOutcome<R>> {
    const { signal, requestId, need } = call;
    const model = models.get(modelName);
    if (!model) throw new RouterError('MODEL_NOT_FOUND', `unknown model "${modelName}"`, []);
    const chain: Target[] = [model.primary, ...model.fallbacks];
    // Clients are told where to look: the server log has the upstream's own words under this id.
    const seeLog = requestId ? ` (request id ${requestId})` : '';
    const startedAt = clock();
    const attempts: Attempt[] = [];
    const unsupported = (provider: string, target: Target, error: string) =>
      attempts.push({ provider, model: target.model, error, code: 'unsupported', latencyMs: 0 });
    let lastError: ProviderError | undefined;
    let overloaded = 0;

    // Refuse up front, before anything goes upstream, when no provider could serve the features.
    const reasons = chain.map((t) => {
      const slot = slots.get(t.provider);
      return slot?.provider ? unsupportedReason(need, { features: slot.features, capabilities: t.capabilities }, model.capabilities, slot.plugin) : undefined;
    });
    if (reasons.every((why) => why !== undefined)) {
      chain.forEach((t, i) => unsupported(t.provider, t, reasons[i]!));
      throw cannotServe(modelName, need, attempts);
    }

    for (const [index, target] of chain.entries()) {
      const slot = slots.get(target.provider);
      if (!slot?.provider) {
        attempts.push({ provider: target.provider, model: target.model, error: 'provider unavailable', code: 'unavailable', latencyMs: 0 });
        continue;
      }
      if (reasons[index]) {
        unsupported(slot.id, target, reasons[index]);
        continue;
      }
      let previousDelay: number | undefined;
      for (let retries = 0; ; retries++) {
        if (signal.aborted) throw new RouterError('ABORTED', 'request aborted', attempts, signal.reason);
        // A provider at its concurrency limit is skipped at once: queueing for its connections
        // would run down the attempt's timers and look like an upstream failure.
        if (slot.active >= slot.maxConcurrent) {
          attempts.push({ provider: slot.id, model: target.model, error: 'provider at its concurrency limit', code: 'overloaded', latencyMs: 0 });
          overloaded++;
          break;
        }
        if (!slot.breaker.tryAcquire()) {
          attempts.push({ provider: slot.id, model: target.model, error: 'circuit open', code: 'circuit_open', latencyMs: 0 });
          break;
        }
        slot.active++;
        const t0 = clock();
        const ctl = createAttemptControl(signal, call.firstProgressMs, r.attemptTimeoutMs);
        const watched = call.watch?.start(slot.id, target.model);
        const state: AttemptState<R> = { delivered: '', traceHeaders: watched?.headers };
        let committed = false;
        let failure: ProviderError | undefined;
        try {
          for await (const event of body(slot.provider, target.model, ctl, state)) {
            committed = true;
            yield event;
          }
          if (state.result === undefined) throw new ProviderError('provider ended without an answer', { kind: 'stream', retryable: true });
        } catch (err) {
          failure = classify(err, ctl, signal);
        } finally {
          slot.active--;
          // Neither outcome means the consumer stopped iterating mid-stream: stop the upstream too.
          const abandoned = !failure && state.result === undefined;
          ctl.dispose(abandoned);
          if (abandoned) slot.breaker.onRelease();
          watched?.end(failure);
        }
        const latencyMs = clock() - t0;

        if (!failure) {
          slot.breaker.onSuccess();
          slot.stats.record(true, latencyMs);
          attempts.push({ provider: slot.id, model: target.model, latencyMs });
          return { result: state.result!, provider: slot.id, model: target.model, attempts, latencyMs: clock() - startedAt };
        }

        // The plugin refused a feature its vendor lacks before sending anything: skip it, at no cost to it.
        if (failure.unsupportedFeature && !committed) {
          slot.breaker.onRelease();
          unsupported(slot.id, target, failure.message);
          break;
        }

        lastError = failure;
        const attempt: Attempt = { provider: slot.id, model: target.model, error: publicReason(failure), code: failure.kind, status: failure.status, latencyMs };
        attempts.push(attempt);
        reportFailure({ requestId, provider: slot.id, model: target.model, error: failure, attempt, request: call.request });
        if (countsAgainstProvider(failure)) {
          slot.breaker.onFailure();
          slot.stats.record(false, latencyMs);
        } else {
          slot.breaker.onRelease();
        }

        if (committed) {
          const aborted = failure.kind === 'aborted';
          throw new StreamInterruptedError(
            { code: aborted ? 'ABORTED' : 'STREAM_INTERRUPTED', provider: slot.id, model: target.model, deliveredText: state.delivered, usage: state.usage ?? null },
            aborted ? 'request aborted mid-stream' : `stream interrupted: ${attempt.error}${seeLog}`,
            attempts,
            failure,
          );
        }

        const decision = decideRetry(failure, { retriesDone: retries, maxRetries: r.maxRetries, maxBackoffMs: r.maxBackoffMs });
        if (decision === 'stop') {
          if (failure.kind === 'aborted') throw new RouterError('ABORTED', 'request aborted', attempts, failure);
          throw new RouterError('BAD_REQUEST', `${attempt.error}${seeLog}`, attempts, failure);
        }
        if (decision === 'next') break;
        previousDelay = backoffDelay(retries, backoff, random, previousDelay, failure.retryAfterMs);
        try {
          await sleep(previousDelay, signal);
        } catch (err) {
          throw new RouterError('ABORTED', 'request aborted', attempts, err);
        }
      }
    }
    if (attempts.every((a) => a.code === 'unsupported')) throw cannotServe(modelName, need, attempts);
    const skipped = new Set<Attempt['code']>(['overloaded', 'circuit_open', 'unavailable', 'unsupported']);
    if (overloaded > 0 && attempts.every((a) => skipped.has(a.code))) {
      throw new RouterError('OVERLOADED', `every provider of "${modelName}" is at its concurrency limit`, attempts);
    }
    throw new RouterError(
      'PROVIDER_UNAVAILABLE',
      `no provider could serve "${modelName}"${lastError ? `; last error: ${publicReason(lastError)}` : ''}${seeLog}`,
      attempts,
      lastError,
    );
  }

  async function* stream(modelName: string, request: RouterRequest, signal: AbortSignal = NEVER): AsyncGenerator<RouterEvent> {
    const { requestId, watch, ...chatRequest } = request;
    type Answer = { usage: TokenUsage; finishReason?: FinishReason };
    const call: ChainCall = { need: requiredFeatures(chatRequest), requestId, request, firstProgressMs: firstTokenMs, signal, watch };
    const outcome = yield* runChain<RouterEvent, Answer>(modelName, call, async function* (provider, model, ctl, state) {
      for await (const chunk of provider.chat({ ...chatRequest, model, signal: ctl.signal, traceHeaders: state.traceHeaders })) {
        ctl.progress();
        if (chunk.type === 'usage') {
          state.usage = chunk.usage;
          state.result = { usage: chunk.usage, finishReason: chunk.finishReason };
        } else if (chunk.type === 'tool_call') {
          // A tool call reaching the caller commits the attempt just as text does.
          yield chunk;
        } else if (chunk.text) {
          state.delivered += chunk.text;
          yield { type: 'delta', text: chunk.text };
        }
      }
      if (!state.result) throw new ProviderError('provider ended its stream without usage', { kind: 'stream', retryable: true });
    });
    const { usage, finishReason } = outcome.result;
    yield { type: 'done', usage, finishReason, provider: outcome.provider, model: outcome.model, attempts: outcome.attempts, latencyMs: outcome.latencyMs };
  }

  async function embed(modelName: string, request: EmbedRouterRequest, signal: AbortSignal = NEVER): Promise<EmbedResult> {
    const { requestId, watch, ...embedRequest } = request;
    if (!embedRequest.input.length) throw new RouterError('BAD_REQUEST', 'nothing to embed: input is empty', []);
    // No first token to wait for: the whole call gets the attempt timeout.
    const call: ChainCall = { need: ['embeddings'], requestId, request, firstProgressMs: r.attemptTimeoutMs, signal, watch };
    const chain = runChain<never, { embeddings: number[][]; usage: { inputTokens: number } }>(modelName, call, async function* (provider, model, ctl, state) {
      if (!provider.embed) throw new ProviderError('provider has no embed', { kind: 'bad_request', retryable: false, unsupportedFeature: 'embeddings' });
      const result = await provider.embed({ ...embedRequest, model, signal: ctl.signal });
      if (result.embeddings.length !== embedRequest.input.length) {
        throw new ProviderError(`provider answered ${result.embeddings.length} embeddings for ${embedRequest.input.length} inputs`, { kind: 'stream', retryable: false });
      }
      state.result = { embeddings: result.embeddings, usage: result.usage };
    });
    // The body yields nothing, so the first step is the whole outcome.
    const step = await chain.next();
    if (!step.done) throw new Error('embedding attempt yielded an event');
    const { result, ...rest } = step.value;
    return { embeddings: result.embeddings, usage: result.usage, ...rest };
  }

  return {
    stream,
    embed,
    describe() {
      return {
        providers: [...slots.values()].map((s) => {
          const stats = s.stats.snapshot();
          return {
            id: s.id,
            plugin: s.plugin,
            available: s.provider !== undefined,
            circuit: s.breaker.state,
            errorRate: stats.errorRate,
            p50LatencyMs: stats.p50LatencyMs,
            requests: stats.requests,
          };
        }),
        models: o.config.models.map((m) => {
          const targets = [m.primary, ...m.fallbacks];
          const views = targets.map((t) => {
            const slot = slots.get(t.provider);
            return { features: slot?.provider ? slot.features : undefined, capabilities: t.capabilities };
          });
          return {
            name: m.name,
            primary: { provider: m.primary.provider, model: m.primary.model },
            fallbacks: m.fallbacks.map((f) => ({ provider: f.provider, model: f.model })),
            capabilities: modelCapabilities(m, views),
          };
        }),
      };
    },
  };
}

/** No provider of the model can serve the request's features: refused, nothing went upstream. */
function cannotServe(modelName: string, need: RequestFeature[], attempts: Attempt[]): RouterError {
  const features = need.length ? need.join(', ') : 'this request';
  const why = attempts.map((a) => `${a.provider}: ${a.error}`).join('; ');
  return new RouterError('BAD_REQUEST', `model "${modelName}" cannot serve ${features}: ${why}`, attempts);
}
