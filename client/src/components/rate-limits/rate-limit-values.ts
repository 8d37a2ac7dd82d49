import type { Problem } from '../../lib/validate.ts';

/** A per-minute limit as typed: empty is no limit, else a whole number above 0 (separators allowed). */
export function parsePerMinute(value: string): { ok: true; value: number | null } | { ok: false; problem: Problem } {
  const trimmed = value.trim().replace(/[,_\s]/g, '');
  if (!trimmed) return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed)) || Number(trimmed) < 1) return { ok: false, problem: { key: 'rateLimits.positive' } };
  return { ok: true, value: Number(trimmed) };
}
