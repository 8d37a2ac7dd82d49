import type { Logger } from 'pino';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { CounterCheck, RateLimitCounters } from './counters.ts';
import { LimitSnapshot, type EffectiveLimit, type LimitsCache } from './limits-cache.ts';
import { resetMs, retryAfterMs, used, type WindowCounts } from './sliding-window.ts';

/** What happens to chats while the counters cannot be reached (ZERO_RATE_LIMIT_FAIL). */
export type RateLimitFailMode = 'open' | 'closed';

/** One dimension of the strictest limit that applies, after this request. */
export interface RateLimitFigures {
  limit: number;
  remaining: number;
  /** Until nothing is counted against it any more. */
  resetMs: number;
}

/** What a door may send as `x-ratelimit-*` headers; a dimension without a limit is absent. */
export interface RateLimitStatus {
  requests?: RateLimitFigures;
  tokens?: RateLimitFigures;
}

/** An admitted chat's counters, for adding its output tokens at settlement. */
export interface RateLimitTicket {
  /** Empty when no tokens limit applies (output tokens are then not counted). */
  counters: Pick<CounterCheck, 'key' | 'userId'>[];
  status: RateLimitStatus;
}

interface Applied {
  check: CounterCheck;
  limit: EffectiveLimit;
}

/**
 * Requests and tokens per minute, per user (the strictest of their own limit
 * and their roles'), and per API key on top. A chat is counted at admission
 * (one request, its prompt's estimated tokens) and its output tokens are added
 * at settlement. Users under no limit cost one map lookup: no counter is touched.
 */
export class RateLimiter {
  private degraded = false;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly limits: LimitsCache,
    private readonly counters: RateLimitCounters,
    private readonly options: { failMode: RateLimitFailMode; logger: Logger },
  ) {}

  get backend(): RateLimitCounters['kind'] {
    return this.counters.kind;
  }

  /** After a limit changed (committed): every instance reloads its limits. */
  limitsChanged(): void {
    this.limits.announce();
  }

  /**
   * Counts one request and the prompt's tokens against every limit that
   * applies, or throws RATE_LIMITED (nothing counted) with `retryAfterMs` and
   * which limit. Answers null when no limit applies to this caller.
   */
  async admit(viewer: Pick<Viewer, 'userId' | 'roleIds' | 'via' | 'credentialId'>, promptTokens: () => number): Promise<RateLimitTicket | null> {
    const current = this.limits.current();
    const snapshot = current instanceof LimitSnapshot ? current : await current;
    if (!snapshot.any) return null;
    const applied: Applied[] = [];
    const userLimit = snapshot.forUser(viewer.userId, viewer.roleIds);
    if (userLimit) applied.push({ limit: userLimit, check: { key: `u:${viewer.userId}`, userId: viewer.userId, requestsPerMinute: userLimit.requestsPerMinute, tokensPerMinute: userLimit.tokensPerMinute } });
    const keyLimit = viewer.via === 'apiKey' ? snapshot.forApiKey(viewer.credentialId) : null;
    if (keyLimit) applied.push({ limit: keyLimit, check: { key: `k:${viewer.credentialId}`, userId: viewer.userId, requestsPerMinute: keyLimit.requestsPerMinute, tokensPerMinute: keyLimit.tokensPerMinute } });
    if (applied.length === 0) return null;

    // Tokens are counted only where a tokens limit applies: requests-only limits never estimate the prompt or add output.
    const countsTokens = applied.some((a) => a.check.tokensPerMinute !== null);
    const tokens = countsTokens ? promptTokens() : 0;
    let result;
    try {
      result = await this.counters.take(applied.map((a) => a.check), tokens);
    } catch (error) {
      return this.unreachable(error);
    }
    this.reachable();
    if (!result.admitted) throw refusal(applied, result.counts, tokens, result.nowMs);
    return {
      counters: countsTokens ? applied.map(({ check }) => ({ key: check.key, userId: check.userId })) : [],
      status: statusOf(applied, result.counts, { requests: 1, tokens }, result.nowMs),
    };
  }

  /** Adds a settled chat's output tokens to its counters (in the background). */
  settle(ticket: RateLimitTicket | null | undefined, outputTokens: number): void {
    if (!ticket || ticket.counters.length === 0 || outputTokens <= 0) return;
    const adding = this.counters.add(ticket.counters, outputTokens).then(
      () => this.reachable(),
      (error) => void this.unreachable(error, false),
    );
    this.pending.add(adding);
    void adding.finally(() => this.pending.delete(adding));
  }

  /** Waits for the output tokens being added (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    await this.idle();
    this.limits.close();
    await this.counters.close();
  }

  private unreachable(error: unknown, admitting = true): null {
    if (!this.degraded) {
      this.degraded = true;
      this.options.logger.warn(
        { err: error, backend: this.counters.kind, failMode: this.options.failMode },
        this.options.failMode === 'open' ? 'rate-limit counters unreachable: chats are admitted without rate limits until they answer' : 'rate-limit counters unreachable: chats under a rate limit are refused until they answer',
      );
    }
    if (admitting && this.options.failMode === 'closed') {
      throw new AppError('SERVICE_UNAVAILABLE', 'Rate limits cannot be checked right now; retry shortly', { retryAfterSeconds: 1 });
    }
    return null;
  }

  private reachable(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.options.logger.info({ backend: this.counters.kind }, 'rate-limit counters reachable again: rate limits enforced');
  }
}

type Dimension = 'requests' | 'tokens';
const PER_MINUTE = { requests: 'requestsPerMinute', tokens: 'tokensPerMinute' } as const;
const FROM = { requests: 'requestsFrom', tokens: 'tokensFrom' } as const;
const PREVIOUS = { requests: 'prevRequests', tokens: 'prevTokens' } as const;

/** The tightest figures per dimension over the counters, once `cost` is counted. */
function statusOf(applied: Applied[], counts: WindowCounts[], cost: Record<Dimension, number>, nowMs: number): RateLimitStatus {
  const status: RateLimitStatus = {};
  for (const dimension of ['requests', 'tokens'] as const) {
    applied.forEach(({ limit }, i) => {
      const perMinute = limit[PER_MINUTE[dimension]];
      if (perMinute === null) return;
      const current = counts[i][dimension] + cost[dimension];
      const previous = counts[i][PREVIOUS[dimension]];
      const remaining = Math.max(0, Math.floor(perMinute - used(current, previous, nowMs)));
      const figures = { limit: perMinute, remaining, resetMs: resetMs(current, previous, nowMs) };
      if (!status[dimension] || remaining < status[dimension]!.remaining) status[dimension] = figures;
    });
  }
  return status;
}

/** RATE_LIMITED for the limit that keeps the request out longest. */
function refusal(applied: Applied[], counts: WindowCounts[], tokens: number, nowMs: number): AppError {
  let worst: { dimension: Dimension; limit: EffectiveLimit; waitMs: number } | undefined;
  applied.forEach(({ limit }, i) => {
    for (const dimension of ['requests', 'tokens'] as const) {
      const perMinute = limit[PER_MINUTE[dimension]];
      if (perMinute === null) continue;
      const waitMs = retryAfterMs(perMinute, counts[i][dimension], counts[i][PREVIOUS[dimension]], dimension === 'requests' ? 1 : tokens, nowMs);
      if (waitMs > 0 && (!worst || waitMs > worst.waitMs)) worst = { dimension, limit, waitMs };
    }
  });
  // The counts read back look as if the request fitted: they were read before a concurrent chat (on
  // PostgreSQL, the statement's snapshot) took the room. Name a limit that applies; retry in a second.
  worst ??= fallback(applied);
  const { dimension, limit, waitMs } = worst;
  const perMinute = limit[PER_MINUTE[dimension]]!;
  const from = limit[FROM[dimension]]!;
  const whose = from.scope === 'USER' ? 'your' : from.scope === 'ROLE' ? "your role's" : "this API key's";
  const unit = dimension === 'requests' ? 'requests' : 'tokens';
  const status = statusOf(applied, counts, { requests: 0, tokens: 0 }, nowMs);
  const details = {
    limit: dimension === 'requests' ? 'REQUESTS_PER_MINUTE' : 'TOKENS_PER_MINUTE',
    scope: from.scope,
    targetId: from.targetId,
    perMinute,
    rateLimit: status,
  };
  if (waitMs === Infinity) {
    return new AppError('RATE_LIMITED', `This request's estimated ${tokens} prompt tokens are more than ${whose} limit of ${perMinute} tokens per minute; it cannot pass at any time`, {
      ...details,
      requestedTokens: tokens,
      requestTooLarge: true,
    });
  }
  return new AppError('RATE_LIMITED', `Rate limit reached: ${whose} limit of ${perMinute} ${unit} per minute; retry in ${(waitMs / 1000).toFixed(1)} s`, {
    ...details,
    retryAfterMs: waitMs,
    retryAfterSeconds: Math.ceil(waitMs / 1000),
  });
}

function fallback(applied: Applied[]): { dimension: Dimension; limit: EffectiveLimit; waitMs: number } {
  for (const { limit } of applied) {
    if (limit.requestsPerMinute !== null) return { dimension: 'requests', limit, waitMs: 1_000 };
    if (limit.tokensPerMinute !== null) return { dimension: 'tokens', limit, waitMs: 1_000 };
  }
  throw new Error('a rate limit refused a chat without any limit applying');
}
