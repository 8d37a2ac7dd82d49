import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AuditSealer } from '../audit/audit-sealer.ts';
import { PeriodicTask, type PeriodicTaskStats } from '../../util/periodic-task.ts';
import { extendChatRollups } from './executive.store.ts';

/**
 * Keeps the executive rollups current in the background: every `intervalMs`
 * it folds newly sealed chat audit records into them
 * (server/db/functions/chat_rollup_extend.sql), in batches. Only sealed
 * records are read (the chain position is the watermark), so `rollupNow` seals
 * first. Safe with several gateway instances: one rolls up at a time, the
 * others find nothing to do.
 */
export class ChatRollup {
  private readonly task: PeriodicTask<number>;

  constructor(
    private readonly pool: Pool,
    private readonly sealer: AuditSealer,
    private readonly timezone: string,
    logger: Logger,
    intervalMs = 1000,
    private readonly batch = 50_000,
  ) {
    this.task = new PeriodicTask({ name: 'chat rollup', intervalMs, logger, run: () => this.rollBacklog(false) });
  }

  start(): void {
    this.task.start();
  }

  /**
   * Seals and rolls up everything committed so far (waiting for another
   * instance's pass if one is running); returns how many records were folded in.
   */
  async rollupNow(): Promise<number> {
    await this.sealer.sealNow();
    return this.task.runNow(() => this.rollBacklog(true));
  }

  stats(): PeriodicTaskStats {
    return this.task.stats();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  // A pass runs until the backlog is empty.
  private async rollBacklog(wait: boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const folded = await extendChatRollups(this.pool, { maxRows: this.batch, timezone: this.timezone, wait });
      total += folded;
      if (folded < this.batch) return total;
    }
  }
}
