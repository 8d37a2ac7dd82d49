import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AuditSealer } from '../audit/audit-sealer.ts';

/**
 * Keeps the executive rollups current in the background: every `intervalMs`
 * it folds newly sealed chat audit records into them
 * (server/db/functions/chat_rollup_extend.sql), in batches. Only sealed records are read (the chain
 * position is the watermark), so `rollupNow` seals first. Safe with several
 * gateway instances: one rolls up at a time, the others find nothing to do.
 */
export class ChatRollup {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly sealer: AuditSealer,
    private readonly timezone: string,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
    private readonly batch = 50_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.pass(false).catch((error) => this.logger.error({ err: error }, 'chat rollup failed')), this.intervalMs);
    this.timer.unref();
  }

  /**
   * Seals and rolls up everything committed so far (waiting for another
   * instance's pass if one is running); returns how many records were folded in.
   */
  async rollupNow(): Promise<number> {
    await this.sealer.sealNow();
    return this.pass(true);
  }

  private async pass(wait: boolean): Promise<number> {
    // One pass at a time in this process; a pass runs until the backlog is empty.
    while (this.running) await this.running;
    this.running = (async () => {
      let total = 0;
      for (;;) {
        const { rows } = await this.pool.query<{ n: number }>({
          name: 'chat-rollup',
          text: 'select chat_rollup_extend($1, $2, $3) as n',
          values: [this.batch, this.timezone, wait],
        });
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
    while (this.running) await this.running.catch(() => 0);
  }
}
