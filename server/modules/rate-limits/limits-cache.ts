import type { Logger } from 'pino';
import type { ClusterBus } from '../../cluster/bus.ts';
import type { RateLimitRow, RateLimitScope } from './rate-limits.store.ts';

/** The bus topic a limit change is announced on. */
export const RATE_LIMITS_TOPIC = 'ratelimits.changed';

/** A limit that applies to a counter, with where each dimension's value came from. */
export interface EffectiveLimit {
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  /** The scope and target whose value is the strictest, per dimension. */
  requestsFrom: { scope: RateLimitScope; targetId: string } | null;
  tokensFrom: { scope: RateLimitScope; targetId: string } | null;
}

/** Every limit, indexed for the chat path. */
export class LimitSnapshot {
  private readonly byTarget = new Map<string, RateLimitRow>();
  /** False when no limit exists at all: then a chat costs one property read. */
  readonly any: boolean;

  constructor(rows: RateLimitRow[]) {
    for (const row of rows) this.byTarget.set(`${row.scope}:${row.targetId}`, row);
    this.any = rows.length > 0;
  }

  /** The strictest of the user's own limit and their roles' (each role's limit applies to each holder). */
  forUser(userId: string, roleIds: readonly string[]): EffectiveLimit | null {
    let limit = strictest(null, this.byTarget.get(`USER:${userId}`));
    for (const roleId of roleIds) limit = strictest(limit, this.byTarget.get(`ROLE:${roleId}`));
    return limit;
  }

  forApiKey(apiKeyId: string): EffectiveLimit | null {
    return strictest(null, this.byTarget.get(`API_KEY:${apiKeyId}`));
  }
}

function strictest(limit: EffectiveLimit | null, row: RateLimitRow | undefined): EffectiveLimit | null {
  if (!row) return limit;
  const from = { scope: row.scope, targetId: row.targetId };
  const next: EffectiveLimit = limit ? { ...limit } : { requestsPerMinute: null, tokensPerMinute: null, requestsFrom: null, tokensFrom: null };
  if (row.requestsPerMinute !== null && (next.requestsPerMinute === null || row.requestsPerMinute < next.requestsPerMinute)) {
    next.requestsPerMinute = row.requestsPerMinute;
    next.requestsFrom = from;
  }
  if (row.tokensPerMinute !== null && (next.tokensPerMinute === null || row.tokensPerMinute < next.tokensPerMinute)) {
    next.tokensPerMinute = row.tokensPerMinute;
    next.tokensFrom = from;
  }
  return next;
}

/**
 * All rate limits in memory (a small table), so the chat path never queries
 * them. Reloaded when a change is announced on the cluster bus (from any
 * instance: within milliseconds everywhere), after the bus was cut off, and
 * every `ttlMs` as a safety net. Until a reload answers, chats wait for it
 * rather than run under a limit that was just changed; if it fails, the
 * last snapshot stays and the reload is tried again on the next chat.
 */
export class LimitsCache {
  private snapshot: LimitSnapshot | null = null;
  private loading: Promise<LimitSnapshot> | null = null;
  private loadedAt = 0;
  /** Reloads may overlap (a change announced while one runs): only a newer one replaces the snapshot. */
  private started = 0;
  private applied = 0;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly load: () => Promise<RateLimitRow[]>,
    private readonly bus: ClusterBus,
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
  ) {
    this.unsubscribe = [bus.subscribe(RATE_LIMITS_TOPIC, () => this.invalidate()), bus.subscribe('bus.reconnected', () => this.invalidate())];
  }

  /** The limits now; resolves at once unless a reload is under way. */
  current(): LimitSnapshot | Promise<LimitSnapshot> {
    if (this.loading) return this.loading;
    if (this.snapshot && Date.now() - this.loadedAt < this.ttlMs) return this.snapshot;
    return this.reload();
  }

  /** After a change on this instance (committed): every instance reloads. */
  announce(): void {
    this.bus.publish(RATE_LIMITS_TOPIC, null);
  }

  invalidate(): void {
    void this.reload().catch(() => {});
  }

  private reload(): Promise<LimitSnapshot> {
    const seq = ++this.started;
    const loading = this.load().then(
      (rows) => {
        if (this.loading === loading) this.loading = null;
        if (seq > this.applied) {
          this.applied = seq;
          this.snapshot = new LimitSnapshot(rows);
          this.loadedAt = Date.now();
        }
        return this.snapshot!;
      },
      (error) => {
        if (this.loading === loading) this.loading = null;
        if (!this.snapshot) throw error;
        this.logger.warn({ err: error }, 'reloading rate limits failed; keeping the ones loaded before');
        // Try again in a second, not on every chat.
        this.loadedAt = Date.now() - this.ttlMs + 1_000;
        return this.snapshot;
      },
    );
    this.loading = loading;
    return loading;
  }

  close(): void {
    for (const off of this.unsubscribe) off();
  }
}
