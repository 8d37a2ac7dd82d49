import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ChatRollup } from '../executive/chat-rollup.ts';

/** What one retention pass did; null from `runNow` when another instance was running one. */
export interface RetentionPass {
  cutoff: Date;
  /** The chain position where the kept trail starts. */
  firstKeptSeq: string;
  droppedRecords: number;
  /** Monthly partitions dropped whole (empty on the plain-table fallback). */
  droppedPartitions: string[];
  createdPartitions: number;
}

export interface AuditCheckpoint {
  id: string;
  createdAt: Date;
  firstKeptSeq: string;
  /** Hash of the last dropped record: the kept trail's first record links to it. */
  prevHash: string;
  droppedThrough: Date;
  droppedRecords: number;
}

export interface AuditRetentionState {
  retentionDays: number;
  oldestRecordAt: Date | null;
  checkpoints: AuditCheckpoint[];
}

const DAY_MS = 86_400_000;

/**
 * Applies audit retention in the background: at start and then every
 * `intervalMs`, creates the coming months' partitions and expires records
 * older than `retentionDays` (server/db/functions/audit_retention_run.sql). Before cutting, it seals the
 * chain and folds chats into the executive rollups, since neither may lose what
 * is dropped. Safe with several gateway instances: one pass at a time runs
 * (an advisory lock), the others skip.
 */
export class AuditRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionPass | null> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly chatRollup: ChatRollup,
    readonly retentionDays: number,
    private readonly logger: Logger,
    private readonly intervalMs = 3_600_000,
  ) {}

  start(): void {
    const tick = () => void this.runNow().catch((error) => this.logger.error({ err: error }, 'audit retention failed'));
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  /** One pass now; `retentionDays` overrides the configured period (tests, operators). */
  async runNow(options: { now?: Date; retentionDays?: number } = {}): Promise<RetentionPass | null> {
    while (this.running) await this.running.catch(() => null);
    const cutoff = new Date((options.now ?? new Date()).getTime() - (options.retentionDays ?? this.retentionDays) * DAY_MS);
    this.running = (async () => {
      await this.chatRollup.rollupNow();
      const { rows } = await this.pool.query<{ r: any }>('select audit_retention_run($1) as r', [cutoff]);
      const r = rows[0].r;
      if (!r) return null;
      const pass: RetentionPass = {
        cutoff,
        firstKeptSeq: String(r.firstKeptSeq),
        droppedRecords: Number(r.droppedRecords),
        droppedPartitions: r.droppedPartitions,
        createdPartitions: Number(r.createdPartitions),
      };
      if (pass.droppedRecords > 0) this.logger.info(pass, 'audit records expired');
      return pass;
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => null);
  }

  /** The retention period, the oldest record kept and the checkpoints, newest first. */
  async describe(): Promise<AuditRetentionState> {
    const [oldest, checkpoints] = await Promise.all([
      this.pool.query<{ at: Date | null }>('select min(at) as at from audit_record'),
      this.pool.query(
        'select id, created_at, first_kept_seq, prev_hash, dropped_through, dropped_records from audit_checkpoint order by first_kept_seq desc',
      ),
    ]);
    return {
      retentionDays: this.retentionDays,
      oldestRecordAt: oldest.rows[0].at,
      checkpoints: checkpoints.rows.map((c) => ({
        id: String(c.id),
        createdAt: c.created_at,
        firstKeptSeq: String(c.first_kept_seq),
        prevHash: c.prev_hash,
        droppedThrough: c.dropped_through,
        droppedRecords: Number(c.dropped_records),
      })),
    };
  }
}
