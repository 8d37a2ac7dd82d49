import type { Pool } from 'pg';
import { settleChats, type ChatSettlement } from './settle-chat.ts';

interface Waiting {
  settlement: ChatSettlement;
  resolve: (auditId: string) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for chat settlements: a settlement that arrives while another
 * batch is being written waits and goes out with the next batch, so under load
 * many chats share one statement and one WAL flush, while a lone chat is
 * written at once. One batch in flight at a time also means batches never
 * lock each other's rows in a different order.
 */
export class SettlementQueue {
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly maxBatch = 256,
    /** Called after each batch commits (budget alerts are evaluated then); must not throw. */
    private readonly afterCommit?: () => void,
  ) {}

  /** Resolves with the chat's audit record id once it is committed. */
  settle(settlement: ChatSettlement): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ settlement, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  /** Resolves when everything queued so far is written (shutdown). */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const ids = await settleChats(this.pool, batch.map((w) => w.settlement));
          batch.forEach((w, i) => w.resolve(ids[i]));
        } catch (error) {
          if (batch.length === 1) batch[0].reject(error);
          // One bad settlement must not take the others with it: write them one by one.
          else for (const w of batch) await settleChats(this.pool, [w.settlement]).then(([id]) => w.resolve(id), w.reject);
        }
        this.afterCommit?.();
      }
    } finally {
      this.flushing = null;
    }
  }
}
