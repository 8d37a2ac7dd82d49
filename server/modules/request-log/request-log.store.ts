import type { Pool } from 'pg';
import type { Attempt } from '../../router/index.ts';

/**
 * The request log's SQL. Every chat request ends in one audit record: `chat`
 * when it was admitted (answered, failed, cut off or abandoned; written by
 * settle_chats with its tokens, cost, latency, attempts and API key) or
 * `chat.refused` when admission refused it (quota, budget, rate limit, DLP,
 * access). The log reads those records, newest first, keyset-paged on the record id.
 */

export const REQUEST_OUTCOMES = ['OK', 'ERROR', 'DISCONNECTED', 'REFUSED_QUOTA', 'REFUSED_BUDGET', 'REFUSED_RATE_LIMIT', 'REFUSED_DLP', 'REFUSED_ACCESS'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export interface RequestLogFilter {
  userId?: string | null;
  model?: string | null;
  outcomes?: readonly RequestOutcome[] | null;
  from?: Date | null;
  to?: Date | null;
}

export interface RequestLogEntry {
  id: string;
  at: Date;
  userId: string | null;
  apiKeyId: string | null;
  apiKeyPrefix: string | null;
  apiKeyName: string | null;
  model: string | null;
  provider: string | null;
  outcome: RequestOutcome;
  /** The error code of a refusal, else null. */
  reason: string | null;
  inputTokens: number;
  outputTokens: number;
  cost: number | null;
  latencyMs: number | null;
  attempts: Attempt[];
  requestId: string | null;
  via: string | null;
}

// One outcome per record (server/db/functions/chat_refusal_kind.sql for refusals).
const OUTCOME_SQL = `case when a.action = 'chat.refused' then case chat_refusal_kind(a.action, a.metadata)
    when 'quota' then 'REFUSED_QUOTA' when 'budget' then 'REFUSED_BUDGET' when 'rate' then 'REFUSED_RATE_LIMIT'
    when 'dlp' then 'REFUSED_DLP' else 'REFUSED_ACCESS' end
  when a.metadata->>'outcome' = 'ok' then 'OK' when a.metadata->>'outcome' = 'disconnected' then 'DISCONNECTED' else 'ERROR' end`;

function whereOf(filter: RequestLogFilter, values: unknown[]): string {
  const where = [`a.action in ('chat', 'chat.refused')`];
  const add = (sql: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  if (filter.userId) add((n) => `a.user_id = ${n}`, filter.userId);
  if (filter.model) add((n) => `a.model = ${n}`, filter.model);
  if (filter.outcomes?.length) add((n) => `(${OUTCOME_SQL}) = any(${n}::text[])`, filter.outcomes);
  if (filter.from) add((n) => `a.at >= ${n}`, filter.from);
  if (filter.to) add((n) => `a.at <= ${n}`, filter.to);
  return where.join(' and ');
}

/** Up to `limit` requests matching the filter with a record id below `beforeId`, newest first. */
export async function findRequests(pool: Pool, filter: RequestLogFilter, beforeId: string | null, limit: number): Promise<RequestLogEntry[]> {
  const values: unknown[] = [];
  let where = whereOf(filter, values);
  if (beforeId) {
    values.push(beforeId);
    where += ` and a.id < $${values.length}`;
  }
  values.push(limit);
  const { rows } = await pool.query(
    `select a.id, a.at, a.user_id, a.model, a.provider, a.input_tokens, a.output_tokens, a.latency_ms, ${OUTCOME_SQL} as outcome,
       a.metadata->>'reason' as reason, a.metadata->'cost' as cost, a.metadata->'attempts' as attempts,
       a.metadata->>'requestId' as request_id, a.metadata->>'via' as via, k.id as api_key_id, k.prefix as api_key_prefix, k.name as api_key_name
     from audit_record a left join api_key k on k.id = (case when a.metadata->>'apiKeyId' ~ '^[0-9a-f-]{36}$' then (a.metadata->>'apiKeyId')::uuid end)
     where ${where} order by a.id desc limit $${values.length}`,
    values,
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at,
    userId: r.user_id,
    apiKeyId: r.api_key_id,
    apiKeyPrefix: r.api_key_prefix,
    apiKeyName: r.api_key_name,
    model: r.model,
    provider: r.provider,
    outcome: r.outcome,
    reason: r.reason,
    inputTokens: Number(r.input_tokens ?? 0),
    outputTokens: Number(r.output_tokens ?? 0),
    cost: r.cost == null ? null : Number(r.cost),
    latencyMs: r.latency_ms,
    attempts: Array.isArray(r.attempts) ? r.attempts : [],
    requestId: r.request_id,
    via: r.via,
  }));
}

export async function countRequests(pool: Pool, filter: RequestLogFilter): Promise<number> {
  const values: unknown[] = [];
  const { rows } = await pool.query(`select count(*) as n from audit_record a where ${whereOf(filter, values)}`, values);
  return Number(rows[0].n);
}
