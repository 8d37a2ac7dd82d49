/**
 * Strict readers for the values our scalars carry, shared by the GraphQL
 * scalars (server/builder.ts) and the REST doors' query parameters, so that
 * both accept exactly the same dates, days and ids. Each returns null for a
 * value it refuses; the caller words the error for its door.
 */

/** ISO-8601 with a four-digit year; a time without a zone is UTC. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Every id we hand out is a UUID. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DATE_TIME_EXPECTED = 'an ISO-8601 date and time such as 2026-11-30T08:00:00Z, with a real calendar day and a year from 0001 to 9999';
export const DAY_EXPECTED = 'a real calendar day as YYYY-MM-DD, year 0001 to 9999';

/** Whether year, month and day name a real day (`2026-02-31` does not). */
function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0-99 as 1900-1999
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Strict on purpose: JavaScript's Date accepts "1" and rolls `2026-02-31` over
 * to March, and years outside 0001-9999 reach PostgreSQL as values it refuses.
 */
export function readDateTime(value: unknown): Date | null {
  const m = typeof value === 'string' ? DATE_TIME.exec(value.trim()) : null;
  const [hour, minute, second] = [m?.[4], m?.[5], m?.[6]].map((v) => Number(v ?? 0));
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3])) || hour > 23 || minute > 59 || second > 59) return null;
  const text = m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00${m[7] ?? 'Z'}` : m[7] ? (value as string).trim() : `${(value as string).trim()}Z`;
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function readDay(value: unknown): string | null {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m && isRealDay(Number(m[1]), Number(m[2]), Number(m[3])) ? (value as string) : null;
}
