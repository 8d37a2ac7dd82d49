/**
 * Per provider instance: closed → open after N consecutive failures → half-open
 * once `openMs` has passed, admitting exactly one probe → closed on its success,
 * open again on its failure.
 */

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitOptions {
  failureThreshold: number;
  openMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: CircuitState = 'closed';

  constructor(
    private readonly o: CircuitOptions,
    private readonly clock: () => number = performance.now.bind(performance),
  ) {}

  /** The state, moving open → half-open when `openMs` has passed. */
  get state(): CircuitState {
    if (this.current === 'open' && this.clock() - this.openedAt >= this.o.openMs) this.current = 'half_open';
    return this.current;
  }

  /**
   * Asks to make one attempt. Every `true` must be followed by exactly one of
   * `onSuccess`, `onFailure` or `onRelease`, or a half-open circuit stays
   * blocked on a probe that never reports.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.probing = false;
    this.current = 'closed';
  }

  onFailure(): void {
    this.probing = false;
    this.failures++;
    if (this.current === 'half_open' || this.failures >= this.o.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.clock();
    }
  }

  /** The attempt ended without telling anything about the provider (e.g. the caller aborted). */
  onRelease(): void {
    this.probing = false;
  }
}
