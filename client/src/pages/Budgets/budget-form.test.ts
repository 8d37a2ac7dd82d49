import { describe, expect, it } from 'vitest';
import { parseAmount, parseThresholds } from './budget-form.ts';

describe('budget form parsing', () => {
  it('reads thresholds in any common separator, sorted, with or without %', () => {
    expect(parseThresholds('80, 50 100%')).toEqual({ ok: true, value: [50, 80, 100] });
    expect(parseThresholds('50，80、100')).toEqual({ ok: true, value: [50, 80, 100] });
  });

  it.each(['', '0', '50, 50', '12.5', '1001', 'a'])('refuses thresholds %j', (text) => {
    expect(parseThresholds(text).ok).toBe(false);
  });

  it('reads an amount above zero with thousands separators', () => {
    expect(parseAmount('1,000.50')).toEqual({ ok: true, value: 1000.5 });
    expect(parseAmount('0').ok).toBe(false);
    expect(parseAmount('1.234').ok).toBe(false);
    expect(parseAmount('').ok).toBe(false);
  });
});
