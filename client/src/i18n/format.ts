/**
 * Number, date and time formats, one per locale, so neighbouring tables and cards
 * never disagree (4005 next to 6,677 next to 1.3万). Pure functions of the locale;
 * `useI18n` binds them to the current one.
 */
export type FormatLocale = 'zh-CN' | 'en';

/** Below this a card shows every digit; from here on 万/亿 (zh-CN) or K/M/B (en). */
const COMPACT_FROM = 10_000;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) cache.set(key, (format = make()));
  return format;
}

/** Grouped digits, as tables show them: 12,345. */
export function formatNumber(locale: FormatLocale, value: number, maximumFractionDigits = 0): string {
  return cached(`n:${locale}:${maximumFractionDigits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits })).format(value);
}

/** As cards show them: every digit up to 9,999, then 1.2万 / 3.4亿 in Chinese and 12.3K / 4.5M in English. */
export function formatCompact(locale: FormatLocale, value: number): string {
  if (Math.abs(value) < COMPACT_FROM) return formatNumber(locale, value);
  return cached(`c:${locale}`, () => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })).format(value);
}

/** A latency: one decimal below 10 ms (a local mock answers in well under one), whole milliseconds above. */
export function formatMs(locale: FormatLocale, value: number): string {
  return formatNumber(locale, value, Math.abs(value) < 10 ? 1 : 0);
}

export function formatPercent(locale: FormatLocale, ratio: number): string {
  return cached(`p:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(ratio);
}

/** Prices and budgets are small amounts: cents, and four places below one unit so a test chat does not read as 0. */
export function formatMoney(locale: FormatLocale, value: number, currency?: string | null): string {
  const small = value !== 0 && Math.abs(value) < 1;
  return cached(
    `m:${locale}:${currency ?? ''}:${small}`,
    () => new Intl.NumberFormat(locale, { ...(currency ? { style: 'currency', currency } : {}), minimumFractionDigits: 2, maximumFractionDigits: small ? 4 : 2 }),
  ).format(value);
}

/** A currency by name (人民币, US Dollar) rather than its ISO code. */
export function formatCurrencyName(locale: FormatLocale, code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const isDay = (iso: string) => iso.length === 10;

/** A calendar day (YYYY-MM-DD is read as that day, wherever the browser is) or the day of an instant. */
export function formatDate(locale: FormatLocale, iso: string): string {
  return cached(`d:${locale}:${isDay(iso)}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: isDay(iso) ? 'UTC' : undefined })).format(new Date(iso));
}

/** Day and time to the minute, or to the second where the order of events matters (audit). */
export function formatDateTime(locale: FormatLocale, iso: string, seconds = false): string {
  return cached(`dt:${locale}:${seconds}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short', hourCycle: 'h23' })).format(
    new Date(iso),
  );
}

/** 14:05:09, for live feeds. */
export function formatTime(locale: FormatLocale, iso: string): string {
  return cached(`t:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'medium', hourCycle: 'h23' })).format(new Date(iso));
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** in 5 hours / 5小时后, rounded to the largest sensible unit. */
export function formatRelative(locale: FormatLocale, iso: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const [unit, ms] = RELATIVE_UNITS.find(([, size]) => Math.abs(diff) >= size) ?? RELATIVE_UNITS[RELATIVE_UNITS.length - 1];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(diff / ms), unit);
}
