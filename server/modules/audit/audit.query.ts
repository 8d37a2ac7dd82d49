import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { Connection } from '../../schema/connection.ts';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../util/cursor.ts';
import { AuditRecord, type AuditRecordEntity } from './audit-record.entity.ts';

export interface AuditFilter {
  userId?: string | null;
  action?: string | null;
  targetId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Audit records, newest first, keyset-paged on the record id. */
export async function listAuditRecords(
  em: EntityManager,
  filter: AuditFilter = {},
  first?: number | null,
  after?: string | null,
): Promise<Connection<AuditRecordEntity>> {
  const size = pageSize(first);
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('from must not be after to', 'from');
  const where: FilterQuery<AuditRecordEntity> = {};
  if (filter.userId) where.userId = filter.userId;
  if (filter.action) where.action = filter.action;
  if (filter.targetId) where.targetId = filter.targetId;
  if (filter.from || filter.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
  const countWhere = { ...where };
  if (after) {
    const [id] = decodeCursor(after, 1);
    if (!/^\d+$/.test(String(id))) throw badInput('Invalid cursor', 'after');
    where.id = { $lt: String(id) };
  }
  const rows = await em.find(AuditRecord, where, { orderBy: { id: 'desc' }, limit: size + 1 });
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor([String(node.id)]) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => em.count(AuditRecord, countWhere),
  };
}
