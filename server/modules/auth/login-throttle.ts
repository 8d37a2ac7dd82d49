/**
 * Slows password guessing: after `maxFailures` failed sign-ins for one email
 * within `windowMs`, further attempts for it are refused until the window has
 * passed since the first of them. Per gateway instance (in memory); failed
 * sign-ins are also audited, so a distributed attack still shows up there.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly maxTracked = 100_000,
  ) {}

  /** Milliseconds until this email may try again, or 0. */
  retryAfterMs(email: string, now = Date.now()): number {
    const recent = this.recent(email, now);
    return recent.length >= this.maxFailures ? recent[0] + this.windowMs - now : 0;
  }

  recordFailure(email: string, now = Date.now()): void {
    if (this.failures.size >= this.maxTracked) this.failures.clear();
    this.failures.set(email, [...this.recent(email, now), now]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(email);
  }

  private recent(email: string, now: number): number[] {
    return (this.failures.get(email) ?? []).filter((t) => now - t < this.windowMs);
  }
}
