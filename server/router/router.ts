/**
 * The resilient router: maps a gateway model name to its provider chain and
 * streams from the first provider that answers, with retries, backoff, fallback,
 * circuit breakers and per-attempt timeouts. Retry and fallback only happen
 * before the first delta reaches the caller; after that a failure ends the stream.
 */
import { ProviderError, type ChatRequest, type FinishReason, type Provider, type TokenUsage } from '../../plugins/plugin-api.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createAttemptControl, type AttemptControl } from './attempt-control.ts';
import { backoffDelay } from './backoff.ts';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';
import { RouterError, StreamInterruptedError, type Attempt } from './errors.ts';
import { ProviderStats } from './provider-stats.ts';
import { publicReason } from './public-reason.ts';
import { countsAgainstProvider, decideRetry } from './retry-policy.ts';

/** A chat request without the provider-specific parts the router fills in. */
export type RouterRequest = Omit<ChatRequest, 'model' | 'signal'> & {
  /** The gateway request this chat serves; tags failure reports and error messages. Not sent upstream. */
  requestId?: string;
};

/** One failed attempt with the upstream's own words, for the server log only. */
export interface AttemptFailure {
  requestId?: string;
  /** Provider instance id and the provider's model id. */
  provider: string;
  model: string;
  /** The classified error; its message and cause hold the upstream's text. */
  error: ProviderError;
  /** The attempt as clients and the audit trail see it (generic reason). */
  attempt: Attempt;
  /** The request as sent, so a reporter can keep the prompt out of what it logs. */
  request: RouterRequest;
}

/** What `router.stream` yields: deltas in order, then exactly one `done`. */
export type RouterEvent =
  | { type: 'delta'; text: string }
  /** A piece of a tool call, as the provider streams it (see ChatChunk). */
  | { type: 'tool_call'; index: number; id?: string; name?: string; arguments?: string }
  | {
      type: 'done';
      usage: TokenUsage;
      finishReason?: FinishReason;
      /** Provider instance and model that answered. */
      provider: string;
      model: string;
      /** Every attempt in order, the successful one last. */
      attempts: Attempt[];
      /** Wall time of the whole request, retries included. */
      latencyMs: number;
    };

export interface ProviderDescription {
  id: string;
  plugin: string;
  /** False when the instance failed to load or validate. */
  available: boolean;
  circuit: CircuitState;
  /** Over the last five minutes. */
  errorRate: number;
  p50LatencyMs: number | null;
  requests: number;
}

export interface ModelDescription {
  name: string;
  primary: { provider: string; model: string };
  fallbacks: { provider: string; model: string }[];
}

export interface Router {
  /**
   * Streams a chat for a gateway model name. Throws (from the iterator)
   * `RouterError` with code MODEL_NOT_FOUND, PROVIDER_UNAVAILABLE, BAD_REQUEST
   * or ABORTED before any delta, or `StreamInterruptedError` after one.
   * Breaking out of the iteration aborts the upstream call.
   */
  stream(modelName: string, request: RouterRequest, signal?: AbortSignal): AsyncIterable<RouterEvent>;
  describe(): { providers: ProviderDescription[]; models: ModelDescription[] };
}

export interface RouterOptions {
  config: Pick<GatewayConfig, 'providers' | 'models' | 'resilience'>;
  /** Running instances by id; a configured instance missing here is skipped as unavailable. */
  providers: Map<string, Provider>;
  /** Monotonic milliseconds; injectable for tests. */
  clock?: () => number;
  /** Abortable delay used for backoff; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /**
   * Called for every failed attempt with the upstream's own error text, which
   * clients and the audit trail never see (they get `publicReason`). Must not throw.
   */
  onAttemptFailure?: (failure: AttemptFailure) => void;
}

interface Slot {
  id: string;
  plugin: string;
  provider?: Provider;
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

export function createRouter(o: RouterOptions): Router {
  const clock = o.clock ?? performance.now.bind(performance);
  const sleep = o.sleep ?? abortableSleep;
  const random = o.random ?? Math.random;
  const r = o.config.resilience;
  const backoff = { baseMs: r.baseBackoffMs, maxMs: r.maxBackoffMs, jitter: r.jitter };
  const firstTokenMs = Math.min(r.firstTokenTimeoutMs ?? r.attemptTimeoutMs, r.attemptTimeoutMs);

  const slots = new Map<string, Slot>();
  for (const p of o.config.providers) {
    slots.set(p.id, {
      id: p.id,
      plugin: p.plugin,
      provider: o.providers.get(p.id),
      breaker: new CircuitBreaker(r.circuit, clock),
      stats: new ProviderStats(256, 300_000, clock),
      active: 0,
      maxConcurrent: p.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
    });
  }
  const routes = new Map(o.config.models.map((m) => [m.name, [m.primary, ...m.fallbacks]]));
  const reportFailure = (failure: AttemptFailure) => {
    try {
      o.onAttemptFailure?.(failure);
    } catch {
      // A reporter's bug must not change the routing outcome.
    }
  };

  async function* stream(modelName: string, request: RouterRequest, signal: AbortSignal = NEVER): AsyncGenerator<RouterEvent> {
    const { requestId, ...chatRequest } = request;
    const chain = routes.get(modelName);
    if (!chain) throw new RouterError('MODEL_NOT_FOUND', `unknown model "${modelName}"`, []);
    // Clients are told where to look: the server log has the upstream's own words under this id.
    const seeLog = requestId ? ` (request id ${requestId})` : '';
    const startedAt = clock();
    const attempts: Attempt[] = [];
    let lastError: ProviderError | undefined;
    let overloaded = 0;

    for (const target of chain) {
      const slot = slots.get(target.provider);
      if (!slot?.provider) {
        attempts.push({ provider: target.provider, model: target.model, error: 'provider unavailable', code: 'unavailable', latencyMs: 0 });
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
        const ctl = createAttemptControl(signal, firstTokenMs, r.attemptTimeoutMs);
        let delivered = '';
        let usage: TokenUsage | undefined;
        let finishReason: FinishReason | undefined;
        let calledTools = false;
        let failure: ProviderError | undefined;
        try {
          for await (const chunk of slot.provider.chat({ ...chatRequest, model: target.model, signal: ctl.signal })) {
            ctl.progress();
            if (chunk.type === 'usage') {
              usage = chunk.usage;
              finishReason = chunk.finishReason;
            } else if (chunk.type === 'tool_call') {
              // A tool call reaching the caller commits the attempt just as text does.
              calledTools = true;
              yield chunk;
            } else if (chunk.text) {
              delivered += chunk.text;
              yield { type: 'delta', text: chunk.text };
            }
          }
          if (!usage) throw new ProviderError('provider ended its stream without usage', { kind: 'stream', retryable: true });
        } catch (err) {
          failure = classify(err, ctl, signal);
        } finally {
          slot.active--;
          // Neither outcome means the consumer stopped iterating mid-stream: stop the upstream too.
          const abandoned = !failure && !usage;
          ctl.dispose(abandoned);
          if (abandoned) slot.breaker.onRelease();
        }
        const latencyMs = clock() - t0;

        if (!failure) {
          slot.breaker.onSuccess();
          slot.stats.record(true, latencyMs);
          attempts.push({ provider: slot.id, model: target.model, latencyMs });
          yield { type: 'done', usage: usage!, finishReason, provider: slot.id, model: target.model, attempts, latencyMs: clock() - startedAt };
          return;
        }

        lastError = failure;
        const attempt: Attempt = { provider: slot.id, model: target.model, error: publicReason(failure), code: failure.kind, status: failure.status, latencyMs };
        attempts.push(attempt);
        reportFailure({ requestId, provider: slot.id, model: target.model, error: failure, attempt, request });
        if (countsAgainstProvider(failure)) {
          slot.breaker.onFailure();
          slot.stats.record(false, latencyMs);
        } else {
          slot.breaker.onRelease();
        }

        if (delivered || calledTools) {
          const aborted = failure.kind === 'aborted';
          throw new StreamInterruptedError(
            { code: aborted ? 'ABORTED' : 'STREAM_INTERRUPTED', provider: slot.id, model: target.model, deliveredText: delivered, usage: usage ?? null },
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
    if (overloaded > 0 && attempts.every((a) => a.code === 'overloaded' || a.code === 'circuit_open' || a.code === 'unavailable')) {
      throw new RouterError('OVERLOADED', `every provider of "${modelName}" is at its concurrency limit`, attempts);
    }
    throw new RouterError(
      'PROVIDER_UNAVAILABLE',
      `no provider could serve "${modelName}"${lastError ? `; last error: ${publicReason(lastError)}` : ''}${seeLog}`,
      attempts,
      lastError,
    );
  }

  return {
    stream,
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
        models: o.config.models.map((m) => ({ name: m.name, primary: { ...m.primary }, fallbacks: m.fallbacks.map((f) => ({ ...f })) })),
      };
    },
  };
}
