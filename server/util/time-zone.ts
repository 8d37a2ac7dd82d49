import { dayIn } from './days.ts';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of a time zone from UTC at an instant, in milliseconds (e.g. +8h for Asia/Shanghai). */
function offsetMs(timeZone: string, at: Date): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 3600_000 + Number(match[3] ?? 0) * 60_000);
}

/** The instant the next calendar day starts in a time zone: when daily quotas reset. */
export function startOfNextDay(timeZone: string, now: Date = new Date()): Date {
  const [y, m, d] = dayIn(timeZone, now).split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d + 1);
  // Two passes settle the offset across a DST change at midnight.
  let guess = midnightUtc - offsetMs(timeZone, new Date(midnightUtc));
  guess = midnightUtc - offsetMs(timeZone, new Date(guess));
  return new Date(guess);
}
