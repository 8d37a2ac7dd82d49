import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors.ts';
import { keysetPage, type Connection } from '../../schema/keyset-page.ts';
import type { AuditRecordEntity } from './audit-record.entity.ts';
import { countAuditRecords, findAuditRecords, queueAuditRecord, type AuditEntry, type AuditFilter } from './audit.store.ts';

export type { AuditFilter } from './audit.store.ts';
export type AdminAuditEntry = AuditEntry;

/**
 * Queues an audit record on the given EntityManager; it is written by the
 * caller's flush, so inside a transaction the change and its record commit together.
 */
export function appendAuditRecord(em: EntityManager, entry: AdminAuditEntry): void {
  queueAuditRecord(em, entry);
}

/** Fields of `after` that differ from `before`, as { field: { from, to } }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = { from: before[key], to: value };
  }
  return changes;
}

/** Audit records, newest first, keyset-paged on the record id. */
export async function listAuditRecords(
  em: EntityManager,
  filter: AuditFilter = {},
  first?: number | null,
  after?: string | null,
): Promise<Connection<AuditRecordEntity>> {
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('from must not be after to', 'from');
  return keysetPage({ first, after }, (beforeId, limit) => findAuditRecords(em, filter, beforeId, limit), {
    keyOf: (record) => String(record.id),
    totalCount: () => countAuditRecords(em, filter),
  });
}
