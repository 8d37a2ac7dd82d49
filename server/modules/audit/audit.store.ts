import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { AuditRecord, type AuditRecordEntity } from './audit-record.entity.ts';
import { AUDIT_ACTION_GROUPS, type AuditActionGroup } from './audit-action-groups.ts';

/** The audit trail's SQL: the log, the hash chain, retention and export. */

export interface AuditEntry {
  /** The acting user; null for anonymous events such as a failed login. */
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** What changed ({ before, after }) and any context; never secrets. */
  metadata?: Record<string, unknown>;
}

/** Queues a record on the EntityManager; the caller's flush writes it (with the change, inside its transaction). */
export function queueAuditRecord(em: EntityManager, entry: AuditEntry): void {
  em.create(AuditRecord, {
    userId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    metadata: entry.metadata ?? {},
  });
}

export interface AuditFilter {
  userId?: string | null;
  action?: string | null;
  /** Every action of a group (sign-in, users, chats, ...). */
  actionGroup?: AuditActionGroup | null;
  targetId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function whereOf(filter: AuditFilter): ObjectQuery<AuditRecordEntity> {
  const where: ObjectQuery<AuditRecordEntity> = {};
  if (filter.userId) where.userId = filter.userId;
  if (filter.action) where.action = filter.action;
  if (filter.actionGroup) where.$and = [{ $or: AUDIT_ACTION_GROUPS[filter.actionGroup].map((pattern) => ({ action: { $like: pattern } })) }];
  if (filter.targetId) where.targetId = filter.targetId;
  if (filter.from || filter.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
  return where;
}

/** Up to `limit` records matching the filter with an id below `beforeId`, newest first. */
export function findAuditRecords(em: EntityManager, filter: AuditFilter, beforeId: string | null, limit: number): Promise<AuditRecordEntity[]> {
  const where = whereOf(filter);
  if (beforeId) where.id = { $lt: beforeId };
  return em.find(AuditRecord, where, { orderBy: { id: 'desc' }, limit });
}

export function countAuditRecords(em: EntityManager, filter: AuditFilter): Promise<number> {
  return em.count(AuditRecord, whereOf(filter));
}

/**
 * Seals up to `maxRows` committed records into the hash chain
 * (server/db/functions/audit_chain_extend.sql); returns how many, 0 when another
 * instance is sealing right now.
 */
export async function extendAuditChain(pool: Pool, maxRows: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>({ name: 'audit-seal', text: 'select audit_chain_extend($1) as n', values: [maxRows] });
  return rows[0].n;
}

/** What verifying a range of the chain needs to know, read in one statement. */
export interface AuditChainWindow {
  /** First and last chain positions in the range (null when it holds no sealed record) and how many. */
  lo: string | null;
  hi: string | null;
  count: number;
  /** The first record in chain order (from `lo`) whose hash, position or link is wrong. */
  problem: { seq: number; id: number; kind: 'ALTERED' | 'MISSING' | 'REORDERED'; prevSeq: number | null } | null;
  /** The `prevHash` of the record at `lo`. */
  firstPrevHash: string | null;
  /** Whether the record just before `lo` exists. */
  hasBefore: boolean;
  head: { lastSeq: number; lastHash: string } | null;
  /** The newest sealed record. */
  tail: { seq: number; hash: string } | null;
  /** The latest retention checkpoint. */
  checkpoint: { firstKeptSeq: number; prevHash: string } | null;
}

// Recomputes every record's hash in the range (plus the one before it, for the link)
// and compares each record with its neighbour; the first discrepancy in chain order wins.
const CHAIN_WINDOW_SQL = `
with bounds as (
  select min(seq) as lo, max(seq) as hi, count(*) as n from audit_record
  where seq is not null and ($1::timestamptz is null or at >= $1) and ($2::timestamptz is null or at <= $2)
), checked as (
  select a.seq, a.id, a.prev_hash, a.hash, audit_record_hash(a.prev_hash, a) as recomputed,
    lag(a.hash) over (order by a.seq) as prev_actual, lag(a.seq) over (order by a.seq) as prev_seq
  from audit_record a, bounds b
  where a.seq between b.lo - 1 and b.hi
)
select b.lo, b.hi, b.n,
  (select row_to_json(c) from (
     select seq, id, case
       when recomputed <> hash then 'ALTERED'
       when prev_seq is not null and seq <> prev_seq + 1 then 'MISSING'
       when prev_actual is not null and prev_hash <> prev_actual then 'REORDERED'
     end as kind, prev_seq as "prevSeq"
     from checked, bounds b2
     where seq >= b2.lo and (recomputed <> hash or (prev_seq is not null and seq <> prev_seq + 1) or (prev_actual is not null and prev_hash <> prev_actual))
     order by seq limit 1) c) as problem,
  (select prev_hash from audit_record where seq = b.lo) as first_prev,
  exists (select 1 from audit_record where seq = b.lo - 1) as has_before,
  (select row_to_json(h) from (select last_seq as "lastSeq", last_hash as "lastHash" from audit_chain_head where id = 1) h) as head,
  (select row_to_json(t) from (select seq, hash from audit_record order by seq desc limit 1) t) as tail,
  (select row_to_json(k) from (select first_kept_seq as "firstKeptSeq", prev_hash as "prevHash" from audit_checkpoint order by first_kept_seq desc limit 1) k) as checkpoint
from bounds b`;

export async function auditChainWindow(pool: Pool, range: { from?: Date | null; to?: Date | null }): Promise<AuditChainWindow> {
  const { rows } = await pool.query(CHAIN_WINDOW_SQL, [range.from ?? null, range.to ?? null]);
  const r = rows[0];
  return {
    lo: r.lo,
    hi: r.hi,
    count: Number(r.n),
    problem: r.problem,
    firstPrevHash: r.first_prev,
    hasBefore: r.has_before,
    head: r.head,
    tail: r.tail,
    checkpoint: r.checkpoint,
  };
}

/** What one retention pass of the database did (server/db/functions/audit_retention_run.sql). */
export interface RetentionRun {
  firstKeptSeq: string;
  droppedRecords: number;
  droppedPartitions: string[];
  createdPartitions: number;
}

/** One retention pass with this cutoff; null when another instance is running one. */
export async function runAuditRetention(pool: Pool, cutoff: Date): Promise<RetentionRun | null> {
  const { rows } = await pool.query<{ r: Record<string, unknown> | null }>('select audit_retention_run($1) as r', [cutoff]);
  const r = rows[0].r;
  if (!r) return null;
  return {
    firstKeptSeq: String(r.firstKeptSeq),
    droppedRecords: Number(r.droppedRecords),
    droppedPartitions: r.droppedPartitions as string[],
    createdPartitions: Number(r.createdPartitions),
  };
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

export async function oldestAuditRecordAt(pool: Pool): Promise<Date | null> {
  const { rows } = await pool.query<{ at: Date | null }>('select min(at) as at from audit_record');
  return rows[0].at;
}

/** Retention checkpoints, newest first. */
export async function auditCheckpoints(pool: Pool): Promise<AuditCheckpoint[]> {
  const { rows } = await pool.query(
    'select id, created_at, first_kept_seq, prev_hash, dropped_through, dropped_records from audit_checkpoint order by first_kept_seq desc',
  );
  return rows.map((c) => ({
    id: String(c.id),
    createdAt: c.created_at,
    firstKeptSeq: String(c.first_kept_seq),
    prevHash: c.prev_hash,
    droppedThrough: c.dropped_through,
    droppedRecords: Number(c.dropped_records),
  }));
}

/** A sealed record as exported: its chain position as a number, its id as a string. */
export type SealedAuditRecord = Omit<AuditRecordEntity, 'seq' | 'id'> & { seq: number; id: string };

/** Up to `limit` sealed records after chain position `afterSeq` that match the filter, in chain order. */
export async function sealedAuditRecordsAfter(pool: Pool, afterSeq: number, filter: AuditFilter, limit: number): Promise<SealedAuditRecord[]> {
  const { rows } = await pool.query(
    `select seq, id, at, user_id, action, target_type, target_id, prompt_hash, response_hash, model, provider,
       input_tokens, output_tokens, latency_ms, metadata, prev_hash, hash from audit_record
     where seq > $1 and ($2::timestamptz is null or at >= $2) and ($3::timestamptz is null or at <= $3)
       and ($4::text is null or action = $4) and ($5::uuid is null or user_id = $5) and ($6::text[] is null or action like any($6))
     order by seq limit ${Number(limit)}`,
    [afterSeq, filter.from ?? null, filter.to ?? null, filter.action ?? null, filter.userId ?? null, filter.actionGroup ? [...AUDIT_ACTION_GROUPS[filter.actionGroup]] : null],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    id: String(r.id),
    at: r.at,
    userId: r.user_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    promptHash: r.prompt_hash,
    responseHash: r.response_hash,
    model: r.model,
    provider: r.provider,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    latencyMs: r.latency_ms,
    metadata: r.metadata,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** How far the background jobs are behind, read at metrics scrape time. */
export interface AuditBacklog {
  /** Committed audit records the sealer has not chained yet (counted up to `cap`). */
  unsealed: number;
  /** Sealed records the executive rollup has not folded in yet (chain head minus the rollup's watermark). */
  unrolled: number;
}

/** Both figures in one round trip; the unsealed count stops at `cap` so a huge backlog cannot make a scrape slow. */
export async function auditBacklog(pool: Pool, cap = 1_000_000): Promise<AuditBacklog> {
  const { rows } = await pool.query<{ unsealed: string; head: string; rolled: string }>({
    name: 'audit-backlog',
    text: `select (select count(*) from (select 1 from audit_record where seq is null limit $1) s) as unsealed,
              (select last_seq from audit_chain_head where id = 1) as head,
              (select last_seq from chat_rollup_state where id = 1) as rolled`,
    values: [cap],
  });
  const row = rows[0];
  return { unsealed: Number(row.unsealed), unrolled: Math.max(0, Number(row.head ?? 0) - Number(row.rolled ?? 0)) };
}
