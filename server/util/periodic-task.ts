import type { Logger } from 'pino';

/** Time and timers, injectable so tests drive a task without waiting. */
export interface TaskClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time; the timers do not keep the process alive. */
export const systemClock: TaskClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Why a pass runs: its interval came round, `trigger()` asked for one, or a caller runs it (`runNow`). */
export type PassReason = 'interval' | 'trigger' | 'manual';

export interface PeriodicTaskOptions<T> {
  /** Names the task in logs and figures, e.g. `audit sealer`. */
  name: string;
  /** Time from the end of one interval pass to the start of the next. */
  intervalMs: number;
  /** One pass. Passes of a task never overlap in this process. */
  run: (reason: PassReason) => Promise<T>;
  logger: Logger;
  /** Run the first pass at `start()` rather than one interval later. */
  runAtStart?: boolean;
  /** Least time between the starts of two passes asked for by `trigger()` (default 0). */
  minGapMs?: number;
  /**
   * After a failed interval pass the next waits `intervalMs * 2^failures`, up to this
   * (default the larger of the interval and 10 s), so a database outage is not hammered
   * and the job is back soon after it ends.
   */
  maxBackoffMs?: number;
  clock?: TaskClock;
}

/** What a task has done, for health checks and metrics. Times are epoch milliseconds. */
export interface PeriodicTaskStats {
  name: string;
  running: boolean;
  passes: number;
  failures: number;
  consecutiveFailures: number;
  lastStartedAt: number | null;
  lastSuccessAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  /** How late the latest interval pass started after it was due (a busy event loop, a long pass before it). */
  lagMs: number;
}

/**
 * A background job that runs every `intervalMs`, can be asked to run soon
 * (`trigger`) or now (`runNow`), and runs one pass at a time. `stop()` stops at a
 * safe point: no new pass starts and the one running finishes (passes are never
 * cut short). A failed interval pass is logged and the next one backs off.
 *
 * Locking across gateway instances is the pass's business: the database
 * functions the jobs call take transaction-level advisory locks, and
 * `withAdvisoryLock` (server/db/advisory-lock.ts) wraps a pass that needs one.
 */
export class PeriodicTask<T> {
  private readonly clock: TaskClock;
  private readonly minGapMs: number;
  private readonly maxBackoffMs: number;
  private running: Promise<T> | null = null;
  private intervalTimer: unknown = null;
  private deferredTimer: unknown = null;
  private dueAt = 0;
  /** A trigger arrived while a pass ran: run once more after it. */
  private again = false;
  private started = false;
  private stopped = false;
  private readonly figures: Omit<PeriodicTaskStats, 'name' | 'running'> = {
    passes: 0,
    failures: 0,
    consecutiveFailures: 0,
    lastStartedAt: null,
    lastSuccessAt: null,
    lastDurationMs: null,
    lastError: null,
    lagMs: 0,
  };

  constructor(private readonly options: PeriodicTaskOptions<T>) {
    this.clock = options.clock ?? systemClock;
    this.minGapMs = options.minGapMs ?? 0;
    this.maxBackoffMs = options.maxBackoffMs ?? Math.max(options.intervalMs, 10_000);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.scheduleInterval(this.options.runAtStart ? 0 : this.options.intervalMs);
  }

  /**
   * Runs a pass after the one running (if any) and returns its result; `run`
   * replaces the task's own pass for this once (e.g. with other arguments).
   * Works before `start()` and after `stop()`; errors reach the caller.
   */
  async runNow(run: () => Promise<T> = () => this.options.run('manual')): Promise<T> {
    while (this.running) await this.running.catch(() => undefined);
    return this.execute(run);
  }

  /**
   * Asks for a pass soon; cheap to call often. It starts at once unless a pass
   * started less than `minGapMs` ago (then when the gap has passed); calls while a
   * pass runs add one pass after it. Does nothing once stopped.
   */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = (this.figures.lastStartedAt ?? -Infinity) + this.minGapMs - this.clock.now();
    if (wait > 0) {
      this.deferredTimer ??= this.clock.setTimeout(() => {
        this.deferredTimer = null;
        this.trigger();
      }, wait);
      return;
    }
    this.execute(() => this.options.run('trigger')).catch((error) => this.logFailure(error));
  }

  /** Resolves when no pass runs or waits: a deferred trigger runs now rather than being left behind. */
  async idle(): Promise<void> {
    if (this.deferredTimer !== null) {
      this.clock.clearTimeout(this.deferredTimer);
      this.deferredTimer = null;
      await this.runNow(() => this.options.run('trigger')).catch(() => undefined);
    }
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Stops at a safe point: no new pass starts; resolves when the running one has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.again = false;
    for (const timer of [this.intervalTimer, this.deferredTimer]) if (timer !== null) this.clock.clearTimeout(timer);
    this.intervalTimer = this.deferredTimer = null;
    while (this.running) await this.running.catch(() => undefined);
  }

  stats(): PeriodicTaskStats {
    return { name: this.options.name, running: this.running !== null, ...this.figures };
  }

  private scheduleInterval(delay: number): void {
    if (this.stopped) return;
    this.dueAt = this.clock.now() + delay;
    this.intervalTimer = this.clock.setTimeout(() => {
      this.intervalTimer = null;
      void this.intervalPass();
    }, delay);
  }

  private async intervalPass(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    if (this.stopped) return;
    this.figures.lagMs = Math.max(0, this.clock.now() - this.dueAt);
    try {
      await this.execute(() => this.options.run('interval'));
    } catch (error) {
      // The backoff below spaces out the next try.
      this.logFailure(error);
    }
    const failures = this.figures.consecutiveFailures;
    this.scheduleInterval(failures === 0 ? this.options.intervalMs : Math.min(this.maxBackoffMs, this.options.intervalMs * 2 ** Math.min(failures, 30)));
  }

  /** Failures of passes nobody awaits; `runNow` hands its failure to the caller instead. */
  private logFailure(error: unknown): void {
    this.options.logger.error({ err: error, task: this.options.name }, `${this.options.name} failed`);
  }

  private async execute(run: () => Promise<T>): Promise<T> {
    const startedAt = this.clock.now();
    this.figures.lastStartedAt = startedAt;
    const pass = (async () => run())();
    this.running = pass;
    try {
      const result = await pass;
      this.figures.consecutiveFailures = 0;
      this.figures.lastSuccessAt = this.clock.now();
      this.figures.lastError = null;
      return result;
    } catch (error) {
      this.figures.failures++;
      this.figures.consecutiveFailures++;
      this.figures.lastError = (error as Error)?.message ?? String(error);
      throw error;
    } finally {
      this.figures.passes++;
      this.figures.lastDurationMs = this.clock.now() - startedAt;
      this.running = null;
      if (this.again) {
        this.again = false;
        this.trigger();
      }
    }
  }
}
