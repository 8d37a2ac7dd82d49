import type { Pool } from 'pg';
import type { Logger } from 'pino';

/**
 * Seals new audit records into the hash chain in the background: every
 * `intervalMs` it asks the database to chain what has committed since, in
 * batches, so no request waits for the chain. Safe with several gateway
 * instances: one seals at a time, the others find nothing to do.
 */
export class AuditSealer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly intervalMs = 200,
    private readonly batch = 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sealNow().catch((error) => this.logger.error({ err: error }, 'audit sealing failed')), this.intervalMs);
    this.timer.unref();
  }

  /** Seals everything committed so far; returns how many records were sealed. */
  async sealNow(): Promise<number> {
    // One pass at a time in this process; a pass runs until the backlog is empty.
    while (this.running) await this.running;
    this.running = (async () => {
      let total = 0;
      for (;;) {
        const { rows } = await this.pool.query<{ n: number }>({ name: 'audit-seal', text: 'select audit_chain_extend($1) as n', values: [this.batch] });
        total += rows[0].n;
        if (rows[0].n < this.batch) return total;
      }
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sealNow().catch(() => 0);
  }
}
