import { createContext, createEffect, createSignal, useContext, type Accessor, type ParentProps } from 'solid-js';
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey } from './en.ts';
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly { id: Locale; label: string }[] = [
  { id: 'zh-CN', label: '简体中文' },
  { id: 'en', label: 'English' },
];

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
export const LOCALE_STORAGE_KEY = 'zero.console.locale';

/** The remembered choice, else zh-CN when the browser prefers Chinese, else English. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage blocked: fall through to the browser's preference
  }
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.some((l) => l?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[locale][key] ?? en[key];
  return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;
}

export interface I18n {
  locale: Accessor<Locale>;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
  /** 12,345 / 12,345 */
  num(value: number): string;
  /** 1.2M / 120万 */
  compact(value: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  /** 14:05:09, for live feeds */
  time(iso: string): string;
  /** 0.125 → 12.5% */
  percent(ratio: number): string;
  /** ¥12.35 / CN¥12.35 with a currency (ISO 4217), else the bare amount with two decimals */
  money(value: number, currency?: string | null): string;
  /** in 5 hours / 5小时后, rounded to the largest sensible unit */
  relative(iso: string, now?: number): string;
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

function createI18n(start: Locale): I18n {
  const [locale, setLocaleSignal] = createSignal<Locale>(start);
  const setLocale = (next: Locale) => {
    setLocaleSignal(next);
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  };
  createEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale();
  });
  return {
    locale,
    setLocale,
    t: (key, params) => translate(locale(), key, params),
    num: (value) => new Intl.NumberFormat(locale()).format(value),
    compact: (value) => new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 }).format(value),
    dateTime: (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    date: (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined }).format(new Date(iso)),
    time: (iso) => new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(new Date(iso)),
    percent: (ratio) => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    money: (value, currency) =>
      // Budgets and prices are small amounts per million tokens: keep cents, and more below one unit so a test chat does not read as 0.
      new Intl.NumberFormat(locale(), {
        ...(currency ? { style: 'currency', currency } : {}),
        minimumFractionDigits: 2,
        maximumFractionDigits: value !== 0 && Math.abs(value) < 1 ? 4 : 2,
      }).format(value),
    relative: (iso, now = Date.now()) => {
      const diff = new Date(iso).getTime() - now;
      const [unit, ms] = RELATIVE_UNITS.find(([, size]) => Math.abs(diff) >= size) ?? RELATIVE_UNITS[RELATIVE_UNITS.length - 1];
      return new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(Math.round(diff / ms), unit);
    },
  };
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: ParentProps<{ locale?: Locale }>) {
  const i18n = createI18n(props.locale ?? initialLocale());
  return <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
