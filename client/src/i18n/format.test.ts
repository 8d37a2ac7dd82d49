import { describe, expect, it } from 'vitest';
import { formatCompact, formatCurrencyName, formatDateTime, formatMoney, formatMs, formatNumber } from './format.ts';

describe('one number format per locale', () => {
  it('gives cards every digit up to 9,999, then 万 and 亿 in Chinese and K and M in English', () => {
    expect(formatCompact('zh-CN', 4005)).toBe('4,005');
    expect(formatCompact('zh-CN', 12_345)).toBe('1.2万');
    expect(formatCompact('zh-CN', 123_456_789)).toBe('1.2亿');
    expect(formatCompact('en', 12_345)).toBe('12.3K');
    expect(formatCompact('en', 6_677)).toBe('6,677');
  });

  it('groups digits in tables, and rounds latencies (one decimal below 10 ms)', () => {
    expect(formatNumber('zh-CN', 1234567)).toBe('1,234,567');
    expect(formatMs('en', 20.3725390000036)).toBe('20');
    expect(formatMs('en', 0.44)).toBe('0.4');
  });

  it('keeps cents, and four places below one unit', () => {
    expect(formatMoney('zh-CN', 12.5, 'CNY')).toBe('¥12.50');
    expect(formatMoney('en', 0.01234, 'CNY')).toBe('CN¥0.0123');
    expect(formatCurrencyName('zh-CN', 'CNY')).toBe('人民币');
  });

  it('shows audit times to the second on a 24-hour clock', () => {
    expect(formatDateTime('en', '2026-11-30T08:05:09Z', true)).toMatch(/\d{2}:\d{2}:\d{2}/);
  });
});
