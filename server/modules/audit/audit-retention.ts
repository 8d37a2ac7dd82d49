import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ChatRollup } from '../executive/chat-rollup.ts';
import { PeriodicTask, type PeriodicTaskStats } from '../../util/periodic-task.ts';
import { auditCheckpoints, oldestAuditRecordAt, runAuditRetention, type AuditCheckpoint, type RetentionRun } from './audit.store.ts';

export type { AuditCheckpoint } from './audit.store.ts';

/** What one retention pass did; null from `runNow` when another instance was running one. */
export interface RetentionPass extends RetentionRun {
  cutoff: Date;
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
 * older than `retentionDays` (server/db/functions/audit_retention_run.sql).
 * Before cutting, it seals the chain and folds chats into the executive
 * rollups, since neither may lose what is dropped. Safe with several gateway
 * instances: one pass at a time runs (an advisory lock), the others skip.
 */
export class AuditRetention {
  private readonly task: PeriodicTask<RetentionPass | null>;

  constructor(
    private readonly pool: Pool,
    private readonly chatRollup: ChatRollup,
    readonly retentionDays: number,
    private readonly logger: Logger,
    intervalMs = 3_600_000,
  ) {
    this.task = new PeriodicTask({ name: 'audit retention', intervalMs, runAtStart: true, logger, run: () => this.pass() });
  }

  start(): void {
    this.task.start();
  }

  /** One pass now; `retentionDays` overrides the configured period (tests, operators). */
  runNow(options: { now?: Date; retentionDays?: number } = {}): Promise<RetentionPass | null> {
    return this.task.runNow(() => this.pass(options));
  }

  stats(): PeriodicTaskStats {
    return this.task.stats();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** The retention period, the oldest record kept and the checkpoints, newest first. */
  async describe(): Promise<AuditRetentionState> {
    const [oldestRecordAt, checkpoints] = await Promise.all([oldestAuditRecordAt(this.pool), auditCheckpoints(this.pool)]);
    return { retentionDays: this.retentionDays, oldestRecordAt, checkpoints };
  }

  private async pass(options: { now?: Date; retentionDays?: number } = {}): Promise<RetentionPass | null> {
    const cutoff = new Date((options.now ?? new Date()).getTime() - (options.retentionDays ?? this.retentionDays) * DAY_MS);
    await this.chatRollup.rollupNow();
    const run = await runAuditRetention(this.pool, cutoff);
    if (!run) return null;
    const pass: RetentionPass = { cutoff, ...run };
    if (pass.droppedRecords > 0) this.logger.info(pass, 'audit records expired');
    return pass;
  }
}
