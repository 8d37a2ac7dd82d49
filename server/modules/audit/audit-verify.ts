import type { Pool } from 'pg';
import { auditChainWindow } from './audit.store.ts';

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

const GENESIS = '0'.repeat(64);

/**
 * Walks the hash chain over a time range: ok, or the first record that breaks
 * it and how (edited, deleted, reordered, or the newest records cut off).
 */
export async function verifyAuditChain(pool: Pool, range: { from?: Date | null; to?: Date | null } = {}): Promise<AuditVerification> {
  const r = await auditChainWindow(pool, range);
  const checkedRecords = r.count;
  const result = (problem: ChainProblem | null): AuditVerification => ({
    ok: problem === null,
    checkedRecords,
    firstSeq: r.lo === null ? null : String(r.lo),
    lastSeq: r.hi === null ? null : String(r.hi),
    problem,
  });
  if (r.problem) {
    const p = r.problem;
    const messages: Record<string, string> = {
      ALTERED: `record ${p.id} at chain position ${p.seq} does not match its hash: it was edited`,
      MISSING: `chain positions ${Number(p.prevSeq) + 1} to ${Number(p.seq) - 1} are missing: records were deleted`,
      REORDERED: `record ${p.id} at chain position ${p.seq} does not follow the record before it: records were reordered or replaced`,
    };
    return result({ kind: p.kind, seq: String(p.seq), recordId: String(p.id), message: messages[p.kind] });
  }
  // Retention cut the chain's oldest part: the kept part starts where the latest checkpoint says.
  const checkpoint = r.checkpoint;
  if (r.lo !== null) {
    const lo = Number(r.lo);
    // The range's first record must link to its predecessor, to the retention checkpoint, or to the chain's start.
    if (checkpoint && lo === Number(checkpoint.firstKeptSeq)) {
      if (r.firstPrevHash !== checkpoint.prevHash) {
        return result({ kind: 'ALTERED', seq: String(lo), recordId: null, message: `the first kept record (position ${lo}) does not link to the retention checkpoint` });
      }
    } else if (lo > 1 && !r.hasBefore) {
      return result({ kind: 'MISSING', seq: String(lo - 1), recordId: null, message: `chain position ${lo - 1}, just before the range, is missing: records were deleted` });
    }
    if (lo === 1 && r.firstPrevHash !== GENESIS) {
      return result({ kind: 'ALTERED', seq: '1', recordId: null, message: 'the first record does not start from the chain origin' });
    }
  }
  // Deleting the newest records leaves no gap behind; the chain head remembers where it ended.
  const { head, tail } = r;
  const allExpired = !tail && checkpoint && Number(checkpoint.firstKeptSeq) === Number(head?.lastSeq) + 1 && checkpoint.prevHash === head?.lastHash;
  if (head && Number(head.lastSeq) > 0 && !allExpired && (!tail || Number(tail.seq) !== Number(head.lastSeq) || tail.hash !== head.lastHash)) {
    return result({
      kind: 'TRUNCATED',
      seq: String(head.lastSeq),
      recordId: null,
      message: `the chain ends at position ${tail ? tail.seq : 0} but was extended to ${head.lastSeq}: the newest records were deleted or altered`,
    });
  }
  return result(null);
}
