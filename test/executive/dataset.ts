import type { Pool } from 'pg';

/** One chat audit record as the tests insert it, and as the reference computations read it. */
export interface ChatRow {
  userId: string;
  at: Date;
  model: string;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  outcome: string;
  attempts: { provider: string; model: string; code?: string }[];
}

/** A small deterministic pseudo-random generator, so failures reproduce. */
export function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * `count` chats spread over [start, start + days), with every kind of outcome,
 * fallbacks of both kinds (another provider answered; several providers tried),
 * chats that reached no provider, and latencies from 0 ms to a minute.
 */
export function makeChats(userIds: string[], start: Date, days: number, count: number, seed = 7): ChatRow[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const models = ['gpt-x', 'claude-y', 'qwen-z'];
  const providers = ['openai', 'anthropic', 'ollama'];
  const rows: ChatRow[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start.getTime() + Math.floor(next() * days * 86_400_000));
    const model = pick(models);
    const primary = providers[models.indexOf(model)];
    const other = pick(providers.filter((p) => p !== primary));
    const roll = next();
    let provider: string | null = primary;
    let outcome = 'ok';
    let attempts = [{ provider: primary, model }];
    if (roll < 0.1) {
      // Primary failed, fallback answered.
      attempts = [{ provider: primary, model, code: 'UPSTREAM_5XX' } as never, { provider: other, model }];
      provider = other;
    } else if (roll < 0.15) {
      // Every provider failed: several tried, the last one recorded.
      attempts = [{ provider: primary, model, code: 'TIMEOUT' } as never, { provider: other, model, code: 'TIMEOUT' } as never];
      provider = other;
      outcome = 'failed';
    } else if (roll < 0.2) {
      outcome = pick(['interrupted', 'disconnected']);
    } else if (roll < 0.22) {
      // Retried on the same provider only: not a fallback.
      attempts = [{ provider: primary, model, code: 'UPSTREAM_5XX' } as never, { provider: primary, model }];
    } else if (roll < 0.23) {
      attempts = [];
      provider = null;
      outcome = 'failed';
    }
    const latencyMs = roll < 0.3 ? Math.floor(next() * 5) : Math.floor(Math.exp(next() * Math.log(60_000)));
    rows.push({
      userId: pick(userIds),
      at,
      model,
      provider,
      inputTokens: outcome === 'failed' ? 0 : 10 + Math.floor(next() * 2000),
      outputTokens: outcome === 'failed' ? 0 : Math.floor(next() * 3000),
      latencyMs,
      outcome,
      attempts,
    });
  }
  return rows;
}

/** Inserts the chats as chat audit records (plus an admin record between them, which the rollup must skip). */
export async function insertChats(pool: Pool, rows: ChatRow[]): Promise<void> {
  await pool.query(
    `insert into audit_record (user_id, at, action, target_type, target_id, model, provider, input_tokens, output_tokens, latency_ms, metadata)
     select u, t, 'chat', 'model', m, m, p, i, o, l, md from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::jsonb[]) as x(u, t, m, p, i, o, l, md)`,
    [
      rows.map((r) => r.userId),
      rows.map((r) => r.at),
      rows.map((r) => r.model),
      rows.map((r) => r.provider),
      rows.map((r) => r.inputTokens),
      rows.map((r) => r.outputTokens),
      rows.map((r) => r.latencyMs),
      rows.map((r) => JSON.stringify({ requestId: 'r', outcome: r.outcome, attempts: r.attempts, answeredModel: r.model })),
    ],
  );
  await pool.query(`insert into audit_record (user_id, at, action, metadata) values ($1, $2, 'quota.update', '{}')`, [rows[0]?.userId ?? null, rows[0]?.at ?? new Date()]);
}

export const isError = (r: ChatRow) => r.outcome !== 'ok';
export const fellBack = (r: ChatRow) =>
  r.attempts.length > 0 && ((r.provider !== null && r.provider !== r.attempts[0].provider) || new Set(r.attempts.map((a) => a.provider)).size > 1);

/** Nearest-rank percentile of the exact latencies. */
export function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

export interface Totals {
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
}

/** Sums by key over the chats, as the reference for summaries and trends. */
export function sumBy(rows: ChatRow[], keyOf: (r: ChatRow) => string): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const r of rows) {
    const key = keyOf(r);
    const t = out.get(key) ?? { inputTokens: 0, outputTokens: 0, requests: 0, errors: 0 };
    t.inputTokens += r.inputTokens;
    t.outputTokens += r.outputTokens;
    t.requests += 1;
    t.errors += isError(r) ? 1 : 0;
    out.set(key, t);
  }
  return out;
}

/** The top n keys by tokens, ties by key, as the gateway ranks them. */
export function top(totals: Map<string, Totals>, n: number): [string, Totals][] {
  return [...totals.entries()]
    .sort(([ka, a], [kb, b]) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) || (ka < kb ? -1 : 1))
    .slice(0, n);
}
