/**
 * The metering domain's SQL: quota counters, the chat ledger (chat_in_flight,
 * gateway_instance) and the calls to its database functions (admit_chat,
 * settle_chats in server/db/functions/). Plain `pg` on the hot-path pools,
 * prepared by name; everything else in metering/ holds the rules.
 */
import type pg from 'pg';
import type { Pool } from 'pg';
import type { TokenUsage } from '../../../plugins/plugin-api.ts';

/** Tokens reserved for one chat on one day. */
export interface Reservation {
  userId: string;
  day: string;
  inputTokens: number;
  outputTokens: number;
}

/** The chat's write-ahead record, stored with its reservation. */
export interface LedgerEntry {
  chatId: string;
  requestId: string;
  instanceId: string;
  apiKeyId: string | null;
  model: string;
  promptHash: string;
  via: string;
}

export interface AdmitRow {
  status: 'ok' | 'quota' | 'budget';
  output_limit: string | null;
  budget_id: string | null;
  spent: string | null;
  held: string | null;
  amount: string | null;
  input_cost: string | null;
  output_per_million: string | null;
}

const ADMIT_SQL = 'select status, output_limit, budget_id, spent, held, amount, input_cost, output_per_million from admit_chat($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)';

/** One call of admit_chat: quota reservation, budget holds and the ledger row, or why not. */
export async function admitChatRow(
  pool: Pick<Pool, 'query'>,
  r: Reservation,
  ledger: LedgerEntry,
  budgets: { ids: readonly string[]; period: string; from: string; until: string } | undefined,
): Promise<AdmitRow> {
  const { rows } = await pool.query<AdmitRow>({
    name: 'chat-admit',
    text: ADMIT_SQL,
    values: [
      r.userId, r.day, r.inputTokens, r.outputTokens,
      ledger.chatId, ledger.requestId, ledger.instanceId, ledger.apiKeyId, ledger.model, ledger.promptHash, ledger.via,
      budgets?.ids ?? [], budgets?.period ?? null, budgets?.from ?? null, budgets?.until ?? null,
    ],
  });
  return rows[0];
}

const ADMIT_BATCH_SQL = `select ord, status, output_limit from admit_chats($1::uuid[], $2::date[], $3::int8[], $4::int8[], $5::uuid[], $6::text[], $7,
  $8::uuid[], $9::text[], $10::text[], $11::text[])`;

/**
 * One call of admit_chats for chats under no hard-stop budget: each admitted
 * (or refused by its quota) exactly as admitChatRow would, in one statement.
 * Answers in the order of `batch`.
 */
export async function admitChatRows(pool: Pool, batch: readonly { reservation: Reservation; ledger: LedgerEntry }[]): Promise<AdmitRow[]> {
  const column = <T>(pick: (a: { reservation: Reservation; ledger: LedgerEntry }) => T) => batch.map(pick);
  const { rows } = await pool.query<{ ord: number; status: AdmitRow['status']; output_limit: string | null }>({
    name: 'chat-admit-batch',
    text: ADMIT_BATCH_SQL,
    values: [
      column((a) => a.reservation.userId), column((a) => a.reservation.day), column((a) => a.reservation.inputTokens), column((a) => a.reservation.outputTokens),
      column((a) => a.ledger.chatId), column((a) => a.ledger.requestId), batch[0].ledger.instanceId, column((a) => a.ledger.apiKeyId),
      column((a) => a.ledger.model), column((a) => a.ledger.promptHash), column((a) => a.ledger.via),
    ],
  });
  const answers = new Array<AdmitRow>(batch.length);
  for (const row of rows) {
    answers[row.ord - 1] = { status: row.status, output_limit: row.output_limit, budget_id: null, spent: null, held: null, amount: null, input_cost: null, output_per_million: null };
  }
  return answers;
}

const STATE_SQL = `select q.daily_input_limit as il, q.daily_output_limit as ol,
  coalesce(c.input_tokens, 0) as iu, coalesce(c.output_tokens, 0) as ou
  from (select 1) one left join quota q on q.user_id = $1 left join quota_counter c on c.user_id = $1 and c.day = $2`;

export interface QuotaLimits {
  dailyInputLimit: number | null;
  dailyOutputLimit: number | null;
  inputUsed: number;
  outputUsed: number;
}

/** A user's limits and today's counters (reserved and settled). */
export async function quotaState(pool: Pool, userId: string, day: string): Promise<QuotaLimits> {
  const { rows } = await pool.query<{ il: string | null; ol: string | null; iu: string; ou: string }>({ name: 'quota-state', text: STATE_SQL, values: [userId, day] });
  const row = rows[0];
  return {
    dailyInputLimit: row?.il == null ? null : Number(row.il),
    dailyOutputLimit: row?.ol == null ? null : Number(row.ol),
    inputUsed: Number(row?.iu ?? 0),
    outputUsed: Number(row?.ou ?? 0),
  };
}

export interface ChatSettlement {
  /** The chat's ledger id: settling the same chat twice writes it once. */
  chatId: string;
  reservation: Reservation;
  /** What the request actually used (zero when nothing reached a provider). */
  usage: TokenUsage;
  /** Gateway model name the client asked for. */
  model: string;
  /** Provider instance that answered, or the last one tried; '' when none was reached. */
  provider: string;
  audit: {
    promptHash: string | null;
    responseHash: string | null;
    latencyMs: number;
    metadata: Record<string, unknown>;
  };
}

// The database function settle_chats (server/db/functions/settle_chats.sql): one atomic call
// for a whole batch, one round trip and one WAL flush. It releases each chat's reservation (read
// from its ledger row) in favour of the real counts, adds usage and cost, inserts one audit record
// per chat in batch order (for the sealer to chain) and closes the ledger rows; chats already
// settled are skipped.
const SETTLE_SQL = `select chat_id, audit_id from settle_chats($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::int8[], $7::int8[],
  $8::text[], $9::text[], $10::int4[], $11::jsonb[])`;

/**
 * Meters and audits finished chats (answered, failed, cut off, abandoned or
 * interrupted) in one atomic statement. Returns each chat's audit record id.
 */
export async function settleChats(pool: Pick<Pool, 'query'>, batch: readonly ChatSettlement[]): Promise<Map<string, string>> {
  const column = <T>(pick: (s: ChatSettlement) => T) => batch.map(pick);
  const { rows } = await pool.query<{ chat_id: string; audit_id: string }>({
    name: 'chat-settle-batch',
    text: SETTLE_SQL,
    values: [
      column((s) => s.chatId),
      column((s) => s.reservation.userId),
      column((s) => s.reservation.day),
      column((s) => s.model),
      column((s) => s.provider),
      column((s) => s.usage.inputTokens),
      column((s) => s.usage.outputTokens),
      column((s) => s.audit.promptHash),
      column((s) => s.audit.responseHash),
      column((s) => Math.round(s.audit.latencyMs)),
      column((s) => JSON.stringify(s.audit.metadata)),
    ],
  });
  return new Map(rows.map((r) => [r.chat_id, String(r.audit_id)]));
}

/** A chat left open by an instance that stopped, as recovery reads it. */
export interface OpenChatRow {
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

export async function registerInstance(pool: Pool, instanceId: string): Promise<void> {
  await pool.query(`insert into gateway_instance (id) values ($1) on conflict (id) do update set started_at = now(), heartbeat_at = now()`, [instanceId]);
}

/** Removes the instance from the register, unless it still has open chats (recovery needs its row). */
export async function retireInstance(pool: Pool, instanceId: string): Promise<void> {
  await pool.query('delete from gateway_instance where id = $1 and not exists (select 1 from chat_in_flight f where f.instance_id = $1 and f.settled_at is null)', [instanceId]);
}

export async function heartbeat(pool: Pool, instanceId: string): Promise<void> {
  await pool.query('update gateway_instance set heartbeat_at = now() where id = $1', [instanceId]);
}

/** Takes the instance's liveness lock on a session of its own; false when another live session holds it. */
export async function lockInstance(client: pg.Client, instanceId: string): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [instanceId]);
  return rows[0]?.locked === true;
}

/** One statement for every stream that grew since the last checkpoint. */
export async function checkpointDeliveries(pool: Pool, chatIds: string[], outputTokens: number[]): Promise<void> {
  await pool.query({
    name: 'chat-checkpoint',
    // Rows locked in id order, as settle_chats locks them, so the two never deadlock.
    text: `with c as (select * from unnest($1::uuid[], $2::int8[]) as c(id, n)),
           locked as (select f.id from chat_in_flight f join c on c.id = f.id where f.settled_at is null order by f.id for update of f)
           update chat_in_flight f set delivered_output = c.n from c, locked where f.id = c.id and f.id = locked.id`,
    values: [chatIds, outputTokens],
  });
}

/** Instances other than `self` with open chats whose heartbeat is older than `staleMs` (or that left the register). */
export async function staleInstancesWithOpenChats(pool: Pool, self: string, staleMs: number): Promise<string[]> {
  const { rows } = await pool.query<{ instance_id: string }>(
    `select distinct f.instance_id from chat_in_flight f left join gateway_instance g on g.id = f.instance_id
     where f.settled_at is null and f.instance_id <> $1
       and (g.id is null or g.heartbeat_at < now() - make_interval(secs => $2::float8 / 1000))`,
    [self, staleMs],
  );
  return rows.map((r) => r.instance_id);
}

/** Whether no live session holds the instance's lock (its process is gone). Taken and released in one implicit transaction. */
export async function instanceLockIsFree(pool: Pool, instanceId: string): Promise<boolean> {
  const { rows } = await pool.query<{ free: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as free', [instanceId]);
  return rows[0]?.free === true;
}

export async function forgetInstances(pool: Pool, instanceIds: string[]): Promise<void> {
  await pool.query(
    'delete from gateway_instance where id = any($1) and not exists (select 1 from chat_in_flight f where f.instance_id = gateway_instance.id and f.settled_at is null)',
    [instanceIds],
  );
}

/** Up to `limit` open chats of the given instances (or of all, with null). */
export async function openChatsOf(pool: Pool, instanceIds: string[] | null, limit = 500): Promise<OpenChatRow[]> {
  const { rows } = await pool.query<OpenChatRow>(
    `select id, request_id, instance_id, user_id, model, prompt_hash, via, to_char(day, 'YYYY-MM-DD') as day,
            reserved_input, reserved_output, delivered_output, extract(epoch from now() - started_at) * 1000 as age_ms
     from chat_in_flight where settled_at is null and ($1::text[] is null or instance_id = any($1)) order by id limit $2`,
    [instanceIds, limit],
  );
  return rows;
}

/** Drops settled ledger rows older than `keepMs` (kept that long so a late spool replay is still recognised). */
export async function purgeSettledChats(pool: Pool, keepMs: number): Promise<void> {
  await pool.query('delete from chat_in_flight where settled_at < now() - make_interval(secs => $1::float8 / 1000)', [keepMs]);
}
