import pg from 'pg';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { settleChats, type ChatSettlement } from './settle-chat.ts';

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

interface OpenChatRow {
  id: string;
  request_id: string;
  instance_id: string;
  user_id: string;
  model: string;
  prompt_hash: string;
  via: string;
  day: string;
  reserved_input: string;
  reserved_output: string;
  delivered_output: string;
  age_ms: number;
}

const LOCK_SQL = 'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked';

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
    await this.o.pool.query(
      `insert into gateway_instance (id) values ($1) on conflict (id) do update set started_at = now(), heartbeat_at = now()`,
      [this.o.instanceId],
    );
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
    await this.o.pool
      .query('delete from gateway_instance where id = $1 and not exists (select 1 from chat_in_flight f where f.instance_id = $1 and f.settled_at is null)', [this.o.instanceId])
      .catch(() => {});
    await this.lockClient?.end().catch(() => {});
    this.lockClient = null;
  }

  /** Writes the output delivered so far by streams that grew since the last checkpoint: one statement. */
  async checkpoint(): Promise<void> {
    const changed = this.o.inFlight().filter((c) => this.lastCheckpoint.get(c.chatId) !== c.outputTokens);
    const live = new Set(this.o.inFlight().map((c) => c.chatId));
    for (const id of this.lastCheckpoint.keys()) if (!live.has(id)) this.lastCheckpoint.delete(id);
    if (!changed.length) return;
    await this.o.pool.query({
      name: 'chat-checkpoint',
      text: `update chat_in_flight f set delivered_output = c.n from unnest($1::uuid[], $2::int8[]) as c(id, n)
             where f.id = c.id and f.settled_at is null`,
      values: [changed.map((c) => c.chatId), changed.map((c) => c.outputTokens)],
    });
    for (const c of changed) this.lastCheckpoint.set(c.chatId, c.outputTokens);
  }

  /** Settles every open chat of dead instances; returns how many. */
  async recoverDead(): Promise<number> {
    const { rows } = await this.o.pool.query<{ instance_id: string }>(
      `select distinct f.instance_id from chat_in_flight f left join gateway_instance g on g.id = f.instance_id
       where f.settled_at is null and f.instance_id <> $1
         and (g.id is null or g.heartbeat_at < now() - make_interval(secs => $2::float8 / 1000))`,
      [this.o.instanceId, this.o.deadAfterMs ?? 15_000],
    );
    const dead: string[] = [];
    for (const { instance_id } of rows) {
      // Free lock: its holder's session is gone. (Taken and released at once, in one implicit transaction.)
      const { rows: probe } = await this.o.pool.query<{ free: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as free', [instance_id]);
      if (probe[0]?.free) dead.push(instance_id);
    }
    if (!dead.length) return 0;
    const recovered = await this.recover(dead);
    await this.o.pool.query('delete from gateway_instance where id = any($1) and not exists (select 1 from chat_in_flight f where f.instance_id = gateway_instance.id and f.settled_at is null)', [dead]);
    if (recovered) this.o.logger.warn({ chats: recovered, instances: dead }, 'chats of stopped gateway instances settled as interrupted');
    return recovered;
  }

  /** Settles the open chats of the given instances (or all) as interrupted. */
  private async recover(instances: string[] | 'all'): Promise<number> {
    let total = 0;
    for (;;) {
      const { rows } = await this.o.pool.query<OpenChatRow>(
        `select id, request_id, instance_id, user_id, model, prompt_hash, via, to_char(day, 'YYYY-MM-DD') as day,
                reserved_input, reserved_output, delivered_output, extract(epoch from now() - started_at) * 1000 as age_ms
         from chat_in_flight where settled_at is null and ($1::text[] is null or instance_id = any($1)) order by id limit 500`,
        [instances === 'all' ? null : instances],
      );
      if (!rows.length) return total;
      await settleChats(this.o.pool, rows.map(interrupted));
      total += rows.length;
    }
  }

  private async heartbeat(): Promise<void> {
    await this.o.pool.query('update gateway_instance set heartbeat_at = now() where id = $1', [this.o.instanceId]);
    // After a database restart the lock session is gone: take it again.
    if (!this.o.exclusive && !this.lockClient) await this.lock();
  }

  private async lock(): Promise<void> {
    const client = new pg.Client({ connectionString: this.o.connectionString });
    client.on('error', () => {
      if (this.lockClient === client) this.lockClient = null;
    });
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>(LOCK_SQL, [this.o.instanceId]);
    if (!rows[0]?.locked) {
      await client.end();
      throw new Error(`another running gateway uses the instance id "${this.o.instanceId}"; give each instance its own ZERO_INSTANCE_ID`);
    }
    this.lockClient = client;
  }

  private async purge(): Promise<void> {
    await this.o.pool.query('delete from chat_in_flight where settled_at < now() - make_interval(secs => $1::float8 / 1000)', [this.o.keepSettledMs ?? 3_600_000]);
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
