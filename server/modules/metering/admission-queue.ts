import type { Pool } from 'pg';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { admitChatRow, admitChatRows, type AdmitRow, type LedgerEntry, type Reservation } from './metering.store.ts';

type Answer = AdmitRow;

interface Waiting {
  reservation: Reservation;
  ledger: LedgerEntry;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

/**
 * Group admission for chats under no hard-stop budget, as the settlement queue
 * groups settlements: an admission that arrives while another batch is in the
 * database waits and goes out with the next batch, so under load many chats
 * share one statement and one commit (with its lock traffic on a user's
 * counter), while a lone chat is admitted at once with the single-chat call.
 * Each chat gets the answer admit_chat would have given it; one batch at a
 * time, its counters locked in settlement's order.
 */
export class AdmissionQueue {
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly maxBatch = 128,
  ) {}

  /** Reserves the chat's tokens and writes its ledger row, or answers `quota` when its quota cannot take it. */
  admit(reservation: Reservation, ledger: LedgerEntry): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ reservation, ledger, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.maxBatch);
        if (batch.length === 1) {
          await this.admitAlone(batch[0]);
          continue;
        }
        try {
          const answers = await admitChatRows(this.pool, batch);
          batch.forEach((w, i) => w.resolve(answers[i]));
        } catch (error) {
          if (isDatabaseUnavailable(error)) for (const w of batch) w.reject(error);
          // One bad admission must not take the others with it: admit them one by one.
          else for (const w of batch) await this.admitAlone(w);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async admitAlone(w: Waiting): Promise<void> {
    try {
      w.resolve(await admitChatRow(this.pool, w.reservation, w.ledger, undefined));
    } catch (error) {
      w.reject(error);
    }
  }
}
