import type { Pool } from 'pg';
import { badInput } from '../../errors.ts';
import { keysetPage, type Connection } from '../../schema/keyset-page.ts';
import { countRequests, findRequests, type RequestLogEntry, type RequestLogFilter } from './request-log.store.ts';

export type { RequestLogEntry, RequestLogFilter, RequestOutcome } from './request-log.store.ts';
export { REQUEST_OUTCOMES } from './request-log.store.ts';

/** Chat requests, answered or refused, newest first, keyset-paged on their audit record id. */
export function listRequests(pool: Pool, filter: RequestLogFilter, first?: number | null, after?: string | null): Promise<Connection<RequestLogEntry>> {
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('from must not be after to', 'from');
  return keysetPage({ first, after }, (beforeId, limit) => findRequests(pool, filter, beforeId, limit), {
    keyOf: (entry) => entry.id,
    totalCount: () => countRequests(pool, filter),
  });
}
