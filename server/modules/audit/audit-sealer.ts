import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { PeriodicTask, type PeriodicTaskStats } from '../../util/periodic-task.ts';
import { extendAuditChain } from './audit.store.ts';

/**
 * Seals new audit records into the hash chain in the background: every
 * `intervalMs` it asks the database to chain what has committed since, in
 * batches, so no request waits for the chain. Safe with several gateway
 * instances: one seals at a time, the others find nothing to do.
 */
export class AuditSealer {
  private readonly task: PeriodicTask<number>;

  constructor(
    private readonly pool: Pool,
    logger: Logger,
    intervalMs = 200,
    private readonly batch = 5000,
  ) {
    this.task = new PeriodicTask({ name: 'audit sealer', intervalMs, logger, run: () => this.sealBacklog() });
  }

  start(): void {
    this.task.start();
  }

  /** Seals everything committed so far; returns how many records were sealed. */
  sealNow(): Promise<number> {
    return this.task.runNow();
  }

  stats(): PeriodicTaskStats {
    return this.task.stats();
  }

  /** Stops the timer and seals what committed until now. */
  async stop(): Promise<void> {
    await this.task.stop();
    await this.sealNow().catch(() => 0);
  }

  // A pass runs until the backlog is empty.
  private async sealBacklog(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await extendAuditChain(this.pool, this.batch);
      total += sealed;
      if (sealed < this.batch) return total;
    }
  }
}
