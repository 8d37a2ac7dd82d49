import { fireEvent, render, screen } from '@solidjs/testing-library';
import '../test/render.tsx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en.ts';
import { I18nProvider, initialLocale, LOCALE_STORAGE_KEY, useI18n } from '../i18n/index.tsx';
import { zhCN } from '../i18n/zh-CN.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function Title() {
  const { t } = useI18n();
  return <h1>{t('users.title')}</h1>;
}

describe('language', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('switches every string at once, sets <html lang> and remembers the choice', () => {
    render(() => (
      <I18nProvider locale="zh-CN">
        <LanguageSwitch />
        <Title />
      </I18nProvider>
    ));
    expect(screen.getByRole('heading').textContent).toBe('用户');
    expect(document.documentElement.lang).toBe('zh-CN');
    fireEvent.change(screen.getByLabelText('语言'), { target: { value: 'en' } });
    expect(screen.getByRole('heading').textContent).toBe('Users');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(screen.getByLabelText('Language')).toBeTruthy();
  });

  it('defaults to Chinese when the browser prefers it, else English; a remembered choice wins', () => {
    vi.stubGlobal('navigator', { ...navigator, languages: ['zh-TW', 'en'] });
    expect(initialLocale()).toBe('zh-CN');
    vi.stubGlobal('navigator', { ...navigator, languages: ['de-DE', 'en'] });
    expect(initialLocale()).toBe('en');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'zh-CN');
    expect(initialLocale()).toBe('zh-CN');
  });

  it('has the same keys, all filled and with the same placeholders, in both dictionaries', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(placeholders(zhCN[key]), key).toBe(placeholders(en[key]));
    }
  });
});
