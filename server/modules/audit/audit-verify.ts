import type { Pool } from 'pg';

export type ChainProblemKind = 'ALTERED' | 'MISSING' | 'REORDERED' | 'TRUNCATED';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** Chain position where the problem shows. */
  seq: string;
  /** Id of the record at that position, when it exists. */
  recordId: string | null;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  checkedRecords: number;
  firstSeq: string | null;
  lastSeq: string | null;
  problem: ChainProblem | null;
}

// Recomputes every record's hash in the range (plus the one before it, for the link)
// and compares each record with its neighbour; the first discrepancy in chain order wins.
const VERIFY_SQL = `
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
     end as kind, prev_seq
     from checked, bounds b2
     where seq >= b2.lo and (recomputed <> hash or (prev_seq is not null and seq <> prev_seq + 1) or (prev_actual is not null and prev_hash <> prev_actual))
     order by seq limit 1) c) as problem,
  (select prev_hash from audit_record where seq = b.lo) as first_prev,
  exists (select 1 from audit_record where seq = b.lo - 1) as has_before,
  (select row_to_json(h) from (select last_seq, last_hash from audit_chain_head where id = 1) h) as head,
  (select row_to_json(t) from (select seq, hash from audit_record order by seq desc limit 1) t) as tail,
  (select row_to_json(k) from (select first_kept_seq, prev_hash from audit_checkpoint order by first_kept_seq desc limit 1) k) as checkpoint
from bounds b`;

const GENESIS = '0'.repeat(64);

/**
 * Walks the hash chain over a time range: ok, or the first record that breaks
 * it and how (edited, deleted, reordered, or the newest records cut off).
 */
export async function verifyAuditChain(pool: Pool, range: { from?: Date | null; to?: Date | null } = {}): Promise<AuditVerification> {
  const { rows } = await pool.query(VERIFY_SQL, [range.from ?? null, range.to ?? null]);
  const r = rows[0];
  const checkedRecords = Number(r.n);
  const result = (problem: ChainProblem | null): AuditVerification => ({
    ok: problem === null,
    checkedRecords,
    firstSeq: r.lo === null ? null : String(r.lo),
    lastSeq: r.hi === null ? null : String(r.hi),
    problem,
  });
  if (r.problem) {
    const p = r.problem as { seq: number; id: number; kind: ChainProblemKind; prev_seq: number | null };
    const messages: Record<string, string> = {
      ALTERED: `record ${p.id} at chain position ${p.seq} does not match its hash: it was edited`,
      MISSING: `chain positions ${Number(p.prev_seq) + 1} to ${Number(p.seq) - 1} are missing: records were deleted`,
      REORDERED: `record ${p.id} at chain position ${p.seq} does not follow the record before it: records were reordered or replaced`,
    };
    return result({ kind: p.kind, seq: String(p.seq), recordId: String(p.id), message: messages[p.kind] });
  }
  // Retention cut the chain's oldest part: the kept part starts where the latest checkpoint says.
  const checkpoint = r.checkpoint as { first_kept_seq: number; prev_hash: string } | null;
  if (r.lo !== null) {
    const lo = Number(r.lo);
    // The range's first record must link to its predecessor, to the retention checkpoint, or to the chain's start.
    if (checkpoint && lo === Number(checkpoint.first_kept_seq)) {
      if (r.first_prev !== checkpoint.prev_hash) {
        return result({ kind: 'ALTERED', seq: String(lo), recordId: null, message: `the first kept record (position ${lo}) does not link to the retention checkpoint` });
      }
    } else if (lo > 1 && !r.has_before) {
      return result({ kind: 'MISSING', seq: String(lo - 1), recordId: null, message: `chain position ${lo - 1}, just before the range, is missing: records were deleted` });
    }
    if (lo === 1 && r.first_prev !== GENESIS) {
      return result({ kind: 'ALTERED', seq: '1', recordId: null, message: 'the first record does not start from the chain origin' });
    }
  }
  // Deleting the newest records leaves no gap behind; the chain head remembers where it ended.
  const head = r.head as { last_seq: number; last_hash: string } | null;
  const tail = r.tail as { seq: number; hash: string } | null;
  const allExpired = !tail && checkpoint && Number(checkpoint.first_kept_seq) === Number(head?.last_seq) + 1 && checkpoint.prev_hash === head?.last_hash;
  if (head && Number(head.last_seq) > 0 && !allExpired && (!tail || Number(tail.seq) !== Number(head.last_seq) || tail.hash !== head.last_hash)) {
    return result({
      kind: 'TRUNCATED',
      seq: String(head.last_seq),
      recordId: null,
      message: `the chain ends at position ${tail ? tail.seq : 0} but was extended to ${head.last_seq}: the newest records were deleted or altered`,
    });
  }
  return result(null);
}
