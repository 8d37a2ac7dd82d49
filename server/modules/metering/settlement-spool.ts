import { mkdir, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatSettlement } from './metering.store.ts';

/**
 * A local, durable outbox for settlements the database could not take: an
 * append-only JSON Lines file per gateway instance under the data directory,
 * each appended batch written and fsynced together. `replay` hands every
 * spooled settlement back in order (from this and earlier runs of any
 * instance on this host) and removes the files once they are written;
 * settlement is idempotent by chat id, so a replay cut short is safe to repeat.
 */
export class SettlementSpool {
  private file: FileHandle | null = null;
  private pending = 0;

  constructor(
    private readonly dir: string,
    private readonly instanceId: string,
  ) {}

  /** Spooled settlements not yet written to the database (from this process). */
  get backlog(): number {
    return this.pending;
  }

  /** Appends a batch and fsyncs it before resolving. */
  async append(batch: readonly ChatSettlement[]): Promise<void> {
    if (!this.file) {
      await mkdir(this.dir, { recursive: true });
      this.file = await open(this.path(), 'a');
    }
    await this.file.write(batch.map((s) => JSON.stringify(s)).join('\n') + '\n');
    await this.file.datasync();
    this.pending += batch.length;
  }

  /** Whether any spool file exists in the directory (this run's or a previous one's). */
  async hasAny(): Promise<boolean> {
    return (await this.files()).length > 0;
  }

  /**
   * Passes every spooled settlement, oldest file first and in append order, to
   * `write` in batches; a file is deleted once all of it is written. Stops at
   * the first failure, leaving what remains for the next try.
   */
  async replay(write: (batch: ChatSettlement[]) => Promise<void>, batchSize = 256): Promise<number> {
    let written = 0;
    for (const name of await this.files()) {
      const path = join(this.dir, name);
      if (path === this.path() && this.file) {
        await this.file.close();
        this.file = null;
      }
      const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim());
      // A torn last line (crash during a write) was never acknowledged to anyone: skip it.
      const settlements = lines.flatMap((line) => {
        try {
          return [JSON.parse(line) as ChatSettlement];
        } catch {
          return [];
        }
      });
      for (let i = 0; i < settlements.length; i += batchSize) await write(settlements.slice(i, i + batchSize));
      await rm(path, { force: true });
      written += settlements.length;
      if (path === this.path()) this.pending = 0;
    }
    return written;
  }

  async close(): Promise<void> {
    await this.file?.close();
    this.file = null;
  }

  private path(): string {
    return join(this.dir, `${this.instanceId.replace(/[^\w.-]/g, '_')}.jsonl`);
  }

  private async files(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => name.endsWith('.jsonl')).sort();
    } catch {
      return [];
    }
  }
}
