import pg from 'pg';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import {
  checkpointDeliveries,
  forgetInstances,
  heartbeat,
  instanceLockIsFree,
  lockInstance,
  openChatsOf,
  purgeSettledChats,
  registerInstance,
  retireInstance,
  settleChats,
  staleInstancesWithOpenChats,
  type ChatSettlement,
  type OpenChatRow,
} from './metering.store.ts';

/** A chat in flight on this instance, as the ledger checkpoints it. */
export interface DeliveryCheckpoint {
  chatId: string;
  /** Output delivered so far, in (estimated) tokens. */
  outputTokens: number;
}

export interface ChatLedgerOptions {
  /** The durable pool (settlements, recovery). */
  pool: pg.Pool;
  /** Connection string for the session that holds this instance's liveness lock (PostgreSQL only). */
  connectionString: string;
  instanceId: string;
  /**
   * True when no other instance can share the database (the embedded one): every
   * open chat found at start-up is then from a previous run.
   */
  exclusive: boolean;
  /** Chats in flight here, read at each checkpoint. */
  inFlight: () => DeliveryCheckpoint[];
  logger: Logger;
  checkpointEveryMs?: number;
  heartbeatEveryMs?: number;
  recoverEveryMs?: number;
  /** An instance whose lock is free and whose heartbeat is older than this is dead. */
  deadAfterMs?: number;
  /** Settled ledger rows are kept this long, so a late replay from a spool is still recognised. */
  keepSettledMs?: number;
}

/**
 * The write-ahead ledger's life around the chats: registers this instance and
 * holds its liveness lock, checkpoints the output of long streams, settles the
 * open chats of instances that died as `interrupted` (their reservations
 * released, each audited) and purges old settled rows.
 */
export class ChatLedger {
  private lockClient: pg.Client | null = null;
  private timers: NodeJS.Timeout[] = [];
  private lastCheckpoint = new Map<string, number>();
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: ChatLedgerOptions) {}

  /**
   * Registers the instance, then settles what a previous run of it (or, on an
   * exclusive database, of anything) left open. Call after the spool is replayed.
   */
  async start(): Promise<void> {
    await registerInstance(this.o.pool, this.o.instanceId);
    if (!this.o.exclusive) await this.lock();
    const recovered = await this.recover(this.o.exclusive ? 'all' : [this.o.instanceId]);
    if (recovered) this.o.logger.warn({ chats: recovered }, 'chats cut by an earlier stop settled as interrupted');
    this.every(this.o.checkpointEveryMs ?? 2_000, () => this.checkpoint());
    this.every(this.o.heartbeatEveryMs ?? 5_000, () => this.heartbeat());
    if (!this.o.exclusive) this.every(this.o.recoverEveryMs ?? 10_000, () => this.recoverDead());
    this.every(60_000, () => this.purge());
  }

  /** Stops the loops; after a clean drain (nothing open) the instance leaves the register. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.running.catch(() => {});
    await retireInstance(this.o.pool, this.o.instanceId).catch(() => {});
    await this.lockClient?.end().catch(() => {});
    this.lockClient = null;
  }

  /** Writes the output delivered so far by streams that grew since the last checkpoint: one statement. */
  async checkpoint(): Promise<void> {
    const changed = this.o.inFlight().filter((c) => this.lastCheckpoint.get(c.chatId) !== c.outputTokens);
    const live = new Set(this.o.inFlight().map((c) => c.chatId));
    for (const id of this.lastCheckpoint.keys()) if (!live.has(id)) this.lastCheckpoint.delete(id);
    if (!changed.length) return;
    await checkpointDeliveries(this.o.pool, changed.map((c) => c.chatId), changed.map((c) => c.outputTokens));
    for (const c of changed) this.lastCheckpoint.set(c.chatId, c.outputTokens);
  }

  /** Settles every open chat of dead instances; returns how many. */
  async recoverDead(): Promise<number> {
    const dead: string[] = [];
    for (const instance of await staleInstancesWithOpenChats(this.o.pool, this.o.instanceId, this.o.deadAfterMs ?? 15_000)) {
      // Free lock: its holder's session is gone.
      if (await instanceLockIsFree(this.o.pool, instance)) dead.push(instance);
    }
    if (!dead.length) return 0;
    const recovered = await this.recover(dead);
    await forgetInstances(this.o.pool, dead);
    if (recovered) this.o.logger.warn({ chats: recovered, instances: dead }, 'chats of stopped gateway instances settled as interrupted');
    return recovered;
  }

  /** Settles the open chats of the given instances (or all) as interrupted. */
  private async recover(instances: string[] | 'all'): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await openChatsOf(this.o.pool, instances === 'all' ? null : instances);
      if (!rows.length) return total;
      await settleChats(this.o.pool, rows.map(interrupted));
      total += rows.length;
    }
  }

  private async heartbeat(): Promise<void> {
    await heartbeat(this.o.pool, this.o.instanceId);
    // After a database restart the lock session is gone: take it again.
    if (!this.o.exclusive && !this.lockClient) await this.lock();
  }

  private async lock(): Promise<void> {
    const client = new pg.Client({ connectionString: this.o.connectionString });
    client.on('error', () => {
      if (this.lockClient === client) this.lockClient = null;
    });
    await client.connect();
    if (!(await lockInstance(client, this.o.instanceId))) {
      await client.end();
      throw new Error(`another running gateway uses the instance id "${this.o.instanceId}"; give each instance its own ZERO_INSTANCE_ID`);
    }
    this.lockClient = client;
  }

  private async purge(): Promise<void> {
    await purgeSettledChats(this.o.pool, this.o.keepSettledMs ?? 3_600_000);
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      if (this.stopped) return;
      this.running = this.running
        .then(task)
        .catch((error) => {
          if (!isDatabaseUnavailable(error)) this.o.logger.error({ err: error }, 'chat ledger task failed');
        });
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}

/** An open chat of a dead instance, settled for what it reserved and what was checkpointed as delivered. */
function interrupted(row: OpenChatRow): ChatSettlement {
  const inputTokens = Number(row.reserved_input);
  return {
    chatId: row.id,
    reservation: { userId: row.user_id, day: row.day, inputTokens, outputTokens: Number(row.reserved_output) },
    usage: { inputTokens, outputTokens: Number(row.delivered_output) },
    model: row.model,
    provider: '',
    audit: {
      promptHash: row.prompt_hash,
      responseHash: null,
      latencyMs: Math.max(0, Math.round(Number(row.age_ms))),
      metadata: {
        requestId: row.request_id,
        via: row.via,
        outcome: 'interrupted',
        recovered: true,
        instance: row.instance_id,
        error: 'the gateway instance serving this chat stopped before it finished',
      },
    },
  };
}
