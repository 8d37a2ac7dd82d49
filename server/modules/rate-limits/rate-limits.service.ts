import { badInput, notFound } from '../../errors.ts';
import { appendAuditRecord, diff } from '../audit/audit.service.ts';
import type { SignedInContext } from '../service-context.ts';
import { deleteRateLimit, listRateLimits as listStored, lockRateLimit, targetExists, upsertRateLimit, type RateLimitRow, type RateLimitScope } from './rate-limits.store.ts';

const MAX_REQUESTS_PER_MINUTE = 10_000_000;
const MAX_TOKENS_PER_MINUTE = 1e12;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TARGET: Record<RateLimitScope, { what: string; type: string }> = {
  USER: { what: 'User', type: 'user' },
  ROLE: { what: 'Role', type: 'role' },
  API_KEY: { what: 'API key', type: 'apikey' },
};

function validateLimit(value: number | null | undefined, field: string, max: number): number | null {
  if (value == null) return null;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw badInput(`${field} must be a whole number from 1 to ${max} (null for no limit)`, field);
  return value;
}

function checkTarget(scope: RateLimitScope, targetId: string): void {
  if (!UUID.test(targetId)) throw notFound(TARGET[scope].what);
}

/** Limits, optionally of one scope or target. */
export function listRateLimits(ctx: SignedInContext, filter: { scope?: RateLimitScope | null; targetId?: string | null }): Promise<RateLimitRow[]> {
  if (filter.targetId && !UUID.test(filter.targetId)) return Promise.resolve([]);
  return listStored(ctx.em, filter);
}

/**
 * Sets a user's, role's or API key's requests and tokens per minute (null: no
 * limit on that one), audited as `ratelimit.update` with what changed. Every
 * instance applies it within milliseconds.
 */
export async function setRateLimit(
  ctx: SignedInContext,
  scope: RateLimitScope,
  targetId: string,
  requestsPerMinute: number | null | undefined,
  tokensPerMinute: number | null | undefined,
): Promise<RateLimitRow> {
  const requests = validateLimit(requestsPerMinute, 'requestsPerMinute', MAX_REQUESTS_PER_MINUTE);
  const tokens = validateLimit(tokensPerMinute, 'tokensPerMinute', MAX_TOKENS_PER_MINUTE);
  if (requests === null && tokens === null) throw badInput('Set requestsPerMinute, tokensPerMinute or both (clearRateLimit removes a limit)', 'requestsPerMinute');
  checkTarget(scope, targetId);
  const row = await ctx.em.transactional(async (em) => {
    if (!(await targetExists(em, scope, targetId))) throw notFound(TARGET[scope].what);
    const before = await lockRateLimit(em, scope, targetId);
    const saved = await upsertRateLimit(em, scope, targetId, requests, tokens);
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'ratelimit.update',
      targetType: TARGET[scope].type,
      targetId,
      metadata: {
        scope,
        changes: diff({ requestsPerMinute: before?.requestsPerMinute ?? null, tokensPerMinute: before?.tokensPerMinute ?? null }, { requestsPerMinute: requests, tokensPerMinute: tokens }),
      },
    });
    await em.flush();
    return saved;
  });
  ctx.app.rateLimits.limitsChanged();
  return row;
}

/** Removes a limit; false when there was none. Audited as `ratelimit.clear` with the limit removed. */
export async function clearRateLimit(ctx: SignedInContext, scope: RateLimitScope, targetId: string): Promise<boolean> {
  checkTarget(scope, targetId);
  const removed = await ctx.em.transactional(async (em) => {
    const before = await deleteRateLimit(em, scope, targetId);
    if (!before) return null;
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'ratelimit.clear',
      targetType: TARGET[scope].type,
      targetId,
      metadata: { scope, changes: diff({ requestsPerMinute: before.requestsPerMinute, tokensPerMinute: before.tokensPerMinute }, { requestsPerMinute: null, tokensPerMinute: null }) },
    });
    await em.flush();
    return before;
  });
  if (removed) ctx.app.rateLimits.limitsChanged();
  return removed !== null;
}
