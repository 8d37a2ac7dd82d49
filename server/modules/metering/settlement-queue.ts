import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { settleChats, type ChatSettlement } from './metering.store.ts';
import type { SettlementSpool } from './settlement-spool.ts';

interface Waiting {
  settlement: ChatSettlement;
  resolve: (auditId: string | null) => void;
  reject: (error: unknown) => void;
}

export interface SettlementQueueOptions {
  maxBatch?: number;
  /** Called after each batch commits (budget alerts are evaluated then); must not throw. */
  afterCommit?: () => void;
  /** Told how long each batch took to commit and how many settlements it held (metrics); must not throw. */
  onCommit?: (seconds: number, settlements: number) => void;
  /** Where settlements go while the database is unreachable; without one they fail. */
  spool?: SettlementSpool;
  logger?: Logger;
  /** How often a spool backlog is retried. */
  replayEveryMs?: number;
}

/**
 * Group commit for chat settlements: a settlement that arrives while another
 * batch is being written waits and goes out with the next batch, so under load
 * many chats share one statement and one WAL flush, while a lone chat is
 * written at once. One batch in flight at a time also means batches never
 * lock each other's rows in a different order.
 *
 * When the database is unreachable, a batch goes to the local spool (fsynced)
 * and its chats resolve with no audit id yet; the spool is replayed in order,
 * exactly once per chat, as soon as the database answers again.
 */
export class SettlementQueue {
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  private replayTimer: NodeJS.Timeout | null = null;
  private readonly maxBatch: number;

  constructor(
    private readonly pool: Pool,
    private readonly options: SettlementQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
  }

  /** Resolves with the chat's audit record id once it is committed, or null once it is safely spooled. */
  settle(settlement: ChatSettlement): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ settlement, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  /** Settlements waiting for the next batch (metrics read it at scrape time). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Settlements spooled by this process and not yet written to the database. */
  get backlog(): number {
    return this.options.spool?.backlog ?? 0;
  }

  /** Resolves when everything queued so far is written or spooled (shutdown). */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Writes what earlier runs spooled (at start-up, before recovery looks for lost chats). */
  async replaySpool(): Promise<number> {
    const spool = this.options.spool;
    if (!spool || !(await spool.hasAny())) return 0;
    const written = await spool.replay(async (batch) => void (await settleChats(this.pool, batch)));
    if (written) this.options.logger?.info({ settlements: written }, 'spooled settlements written to the database');
    this.options.afterCommit?.();
    return written;
  }

  stop(): void {
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
  }

  private async drain(): Promise<void> {
    // Never finish synchronously: the caller assigns `flushing` after this returns, and
    // a drain with nothing to do would otherwise clear it first and leave it set for good.
    await Promise.resolve();
    try {
      if (this.backlog > 0) await this.tryReplay();
      while (this.waiting.length) {
        // Keep the order: while a backlog is spooled, it goes first.
        if (this.backlog > 0 && !(await this.tryReplay())) {
          await this.spool(this.waiting.splice(0, this.maxBatch));
          continue;
        }
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const t0 = performance.now();
          const ids = await settleChats(this.pool, batch.map((w) => w.settlement));
          this.options.onCommit?.((performance.now() - t0) / 1000, batch.length);
          for (const w of batch) w.resolve(ids.get(w.settlement.chatId) ?? null);
        } catch (error) {
          if (isDatabaseUnavailable(error) && this.options.spool) await this.spool(batch);
          else if (batch.length === 1) batch[0].reject(error);
          // One bad settlement must not take the others with it: write them one by one.
          else for (const w of batch) await this.settleAlone(w);
        }
        this.options.afterCommit?.();
      }
    } finally {
      this.flushing = null;
    }
  }

  private async settleAlone(w: Waiting): Promise<void> {
    try {
      const ids = await settleChats(this.pool, [w.settlement]);
      w.resolve(ids.get(w.settlement.chatId) ?? null);
    } catch (error) {
      if (isDatabaseUnavailable(error) && this.options.spool) await this.spool([w]);
      else w.reject(error);
    }
  }

  private async spool(batch: Waiting[]): Promise<void> {
    try {
      await this.options.spool!.append(batch.map((w) => w.settlement));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    this.options.logger?.warn({ settlements: batch.length, backlog: this.backlog }, 'database unreachable: settlements spooled locally');
    for (const w of batch) w.resolve(null);
    this.scheduleReplay();
  }

  private scheduleReplay(): void {
    if (this.replayTimer) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      // Replays run inside drain, so they never overlap a batch.
      this.flushing ??= this.drain();
      void this.flushing.then(() => {
        if (this.backlog > 0) this.scheduleReplay();
      });
    }, this.options.replayEveryMs ?? 1000);
    this.replayTimer.unref();
  }

  private async tryReplay(): Promise<boolean> {
    try {
      await this.replaySpool();
      return true;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) this.options.logger?.error({ err: error }, 'replaying spooled settlements failed');
      return false;
    }
  }
}
