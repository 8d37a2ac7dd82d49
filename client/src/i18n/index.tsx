import { createContext, createEffect, createSignal, useContext, type Accessor, type JSX, type ParentProps } from 'solid-js';
import { en, type MessageKey } from './en.ts';
import {
  formatCompact,
  formatCurrencyName,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMs,
  formatNumber,
  formatPercent,
  formatRelative,
  formatTime,
} from './format.ts';
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

export function hasMessage(key: string): key is MessageKey {
  return key in en;
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[locale][key] ?? en[key] ?? key;
  return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;
}

/** A name, e-mail or id inside a sentence: data, so not translated (translate="no"). */
export function Data(props: { children: JSX.Element }) {
  return <span translate="no">{props.children}</span>;
}

/** Shorthand for the common case: a string value marked as data. */
export const data = (value: string | number) => <Data>{value}</Data>;

export interface I18n {
  locale: Accessor<Locale>;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
  /** Like `t`, with elements in the placeholders (names marked as data, keys as <kbd>). */
  tj(key: MessageKey, params: Record<string, JSX.Element>): JSX.Element;
  /** `key.one` when the count calls for the singular in this language (and that key exists), else `key`; `{count}` is filled in. */
  tc(key: MessageKey, count: number, params?: Params): string;
  /** Tables: grouped digits, 12,345. */
  num(value: number): string;
  /** Cards: every digit up to 9,999, then 1.2万 / 12.3K. */
  compact(value: number): string;
  /** A token count with its unit; `compact` for cards. */
  tokens(value: number, compact?: boolean): string;
  /** A latency with its unit: 0.4 ms, 120 ms. */
  ms(value: number): string;
  /** Day and time to the minute; `seconds` for audit records. */
  dateTime(iso: string, seconds?: boolean): string;
  date(iso: string): string;
  /** 14:05:09, for live feeds */
  time(iso: string): string;
  /** 0.125 → 12.5% */
  percent(ratio: number): string;
  /** ¥12.35 / CN¥12.35 with a currency (ISO 4217), else the bare amount with two decimals */
  money(value: number, currency?: string | null): string;
  /** in 5 hours / 5小时后, rounded to the largest sensible unit */
  relative(iso: string, now?: number): string;
  /** CNY → 人民币 / Chinese Yuan */
  currencyName(code: string): string;
}

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
  const t = (key: MessageKey, params?: Params) => translate(locale(), key, params);
  const num = (value: number) => formatNumber(locale(), value);
  const compact = (value: number) => formatCompact(locale(), value);
  return {
    locale,
    setLocale,
    t,
    tj: (key, params) =>
      translate(locale(), key)
        .split(/(\{\w+\})/)
        .map((part) => {
          const name = /^\{(\w+)\}$/.exec(part)?.[1];
          return name && name in params ? params[name] : part;
        }),
    tc: (key, count, params) => {
      const one = `${key}.one`;
      const useOne = new Intl.PluralRules(locale()).select(count) === 'one' && hasMessage(one);
      return t(useOne ? (one as MessageKey) : key, { count: num(count), ...params });
    },
    num,
    compact,
    tokens: (value, asCard) => t('unit.tokens', { count: asCard ? compact(value) : num(value) }),
    ms: (value) => t('common.ms', { ms: formatMs(locale(), value) }),
    dateTime: (iso, seconds) => formatDateTime(locale(), iso, seconds),
    date: (iso) => formatDate(locale(), iso),
    time: (iso) => formatTime(locale(), iso),
    percent: (ratio) => formatPercent(locale(), ratio),
    money: (value, currency) => formatMoney(locale(), value, currency),
    relative: (iso, now) => formatRelative(locale(), iso, now),
    currencyName: (code) => formatCurrencyName(locale(), code),
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
