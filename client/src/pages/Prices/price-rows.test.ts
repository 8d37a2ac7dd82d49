import { describe, expect, it } from 'vitest';
import { parsePrice, priceRows } from './price-rows.ts';

describe('prices page data', () => {
  it('lists every served model, unpriced ones without a price, and priced models no longer served', () => {
    const rows = priceRows({
      models: [{ name: 'mock-small' }, { name: 'mock-large' }],
      prices: [
        { model: 'mock-small', inputPerMillion: 2, outputPerMillion: 8, currency: 'CNY', updatedAt: '2026-11-01T00:00:00Z' },
        { model: 'retired', inputPerMillion: 1, outputPerMillion: 1, currency: 'CNY', updatedAt: '2026-10-01T00:00:00Z' },
      ],
    });
    expect(rows.map((r) => [r.model, r.inputPerMillion])).toEqual([
      ['mock-large', null],
      ['mock-small', 2],
      ['retired', 1],
    ]);
  });

  it('reads prices of zero or more with up to four decimals', () => {
    expect(parsePrice('1,200.5')).toBe(1200.5);
    expect(parsePrice('0')).toBe(0);
    expect(parsePrice('-1')).toBeNull();
    expect(parsePrice('0.00001')).toBeNull();
    expect(parsePrice('')).toBeNull();
  });
});
