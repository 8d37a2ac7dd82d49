import type { Problem } from '../../lib/validate.ts';

export const DEFAULT_THRESHOLDS = [50, 80, 100];

/** "50, 80, 100" (any separators, % allowed) as distinct whole percentages from 1 to 1000, ascending. */
export function parseThresholds(text: string): { ok: true; value: number[] } | { ok: false; problem: Problem } {
  const parts = text
    .split(/[\s,，、;；]+/)
    .map((p) => p.replace(/%$/, '').trim())
    .filter(Boolean);
  const values = parts.map(Number);
  if (!parts.length || parts.length > 10 || values.some((v) => !Number.isInteger(v) || v < 1 || v > 1000) || new Set(values).size !== values.length) {
    return { ok: false, problem: { key: 'validation.thresholds' } };
  }
  return { ok: true, value: [...values].sort((a, b) => a - b) };
}

/** An amount of money above zero, with at most two decimals after any thousands separators are dropped. */
export function parseAmount(text: string): { ok: true; value: number } | { ok: false; problem: Problem } {
  const cleaned = text.trim().replace(/[,，_\s]/g, '');
  if (!cleaned) return { ok: false, problem: { key: 'validation.required' } };
  const value = Number(cleaned);
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned) || !(value > 0) || value > 1e12) return { ok: false, problem: { key: 'validation.amount' } };
  return { ok: true, value };
}
