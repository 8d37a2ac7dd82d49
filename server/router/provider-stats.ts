/**
 * Recent outcomes of one provider instance in a fixed ring buffer (no
 * allocation per request), read over a time window for `describe()`.
 */

export interface StatsSnapshot {
  /** Attempts within the window. */
  requests: number;
  /** Failed share of those, 0..1; 0 when there were none. */
  errorRate: number;
  /** Median latency of successful attempts in ms, null when there were none. */
  p50LatencyMs: number | null;
}

export class ProviderStats {
  private readonly at: Float64Array;
  private readonly latency: Float64Array;
  private readonly ok: Uint8Array;
  private next = 0;
  private size = 0;

  constructor(
    capacity = 256,
    private readonly windowMs = 300_000,
    private readonly clock: () => number = performance.now.bind(performance),
  ) {
    this.at = new Float64Array(capacity);
    this.latency = new Float64Array(capacity);
    this.ok = new Uint8Array(capacity);
  }

  record(ok: boolean, latencyMs: number): void {
    const i = this.next;
    this.at[i] = this.clock();
    this.latency[i] = latencyMs;
    this.ok[i] = ok ? 1 : 0;
    this.next = (i + 1) % this.at.length;
    if (this.size < this.at.length) this.size++;
  }

  /** Computed on demand; the sort is over at most `capacity` numbers. */
  snapshot(): StatsSnapshot {
    const since = this.clock() - this.windowMs;
    const okLatencies: number[] = [];
    let requests = 0;
    let failures = 0;
    for (let k = 0; k < this.size; k++) {
      if (this.at[k] < since) continue;
      requests++;
      if (this.ok[k]) okLatencies.push(this.latency[k]);
      else failures++;
    }
    okLatencies.sort((a, b) => a - b);
    const mid = okLatencies.length >> 1;
    const p50 = okLatencies.length === 0 ? null : okLatencies.length % 2 ? okLatencies[mid] : (okLatencies[mid - 1] + okLatencies[mid]) / 2;
    return { requests, errorRate: requests ? failures / requests : 0, p50LatencyMs: p50 };
  }
}
