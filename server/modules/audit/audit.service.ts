import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditRecord } from './audit-record.entity.ts';

export interface AdminAuditEntry {
  /** The acting user; null for anonymous events such as a failed login. */
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** What changed ({ before, after }) and any context; never secrets. */
  metadata?: Record<string, unknown>;
}

/**
 * Queues an audit record on the given EntityManager; it is written by the
 * caller's flush, so inside a transaction the change and its record commit together.
 */
export function appendAuditRecord(em: EntityManager, entry: AdminAuditEntry): void {
  em.create(AuditRecord, {
    userId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    metadata: entry.metadata ?? {},
  } as never);
}

/** Fields of `after` that differ from `before`, as { field: { from, to } }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = { from: before[key], to: value };
  }
  return changes;
}
