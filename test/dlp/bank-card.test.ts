import { describe, expect, it } from 'vitest';
import { detect } from '../../server/modules/dlp/index.ts';
import { matches } from './helpers.ts';
import { type Brand, card, cardBadLuhn, formatCard, seeded } from './values.ts';

const BRANDS: Brand[] = ['visa', 'mastercard', 'amex', 'unionpay', 'jcb', 'discover', 'diners'];

describe('bank_card detector', () => {
  it('finds Luhn-valid numbers of every scheme, plain, spaced or dashed, and names the brand', () => {
    const r = seeded(11);
    for (const brand of BRANDS) {
      for (const style of ['plain', 'space', 'dash'] as const) {
        const text = `卡号：${formatCard(card(r, brand), style)}，`;
        expect(detect(text, ['bank_card']).map((f) => f.kind), `${brand} ${style}: ${text}`).toEqual([brand]);
      }
    }
  });

  it('treats the well-known test numbers as cards (indistinguishable by shape)', () => {
    expect(matches('4111 1111 1111 1111 and 4111111111111111', 'bank_card')).toHaveLength(2);
    expect(matches('Amex 3782 822463 10005, UnionPay 6222 0212 3456 7890 128', 'bank_card')).toEqual([
      '3782 822463 10005', '6222 0212 3456 7890 128',
    ]);
  });

  it('keeps the card when an expiry or CVV follows it', () => {
    expect(matches('4111 1111 1111 1111 12/26 CVV 123', 'bank_card')).toEqual(['4111 1111 1111 1111']);
    expect(matches('4111111111111111,12/26', 'bank_card')).toEqual(['4111111111111111']);
  });

  it('rejects Luhn failures, unknown prefixes, wrong lengths and longer numbers', () => {
    const r = seeded(12);
    for (let i = 0; i < 100; i++) expect(matches(cardBadLuhn(r, BRANDS[i % BRANDS.length]), 'bank_card')).toEqual([]);
    const text = [
      '4111 1111 1111 1112', '1234567812345670', '7000000000000001', '4006381333931', '41111111111111111111',
      '9400 1000 0000 0000 0000 00', '1718700000123456789', '6222 **** **** 1234', '4.11111E+15', '1.4111111111111111',
    ].join(' ; ');
    expect(matches(text, 'bank_card')).toEqual([]);
  });

  it('reports an 18-digit resident ID as cn_id even when it also passes Luhn', () => {
    // A Gansu (62) ID that is also a Luhn-valid 18-digit UnionPay-shaped number.
    const text = '身份证 620102198001010754';
    expect(detect(text).map((f) => f.detector)).toEqual(['cn_id']);
  });

  it('finds cards behind glued labels, a trailing expiry and every common separator', () => {
    const forms = [
      'Card No.4111111111111111', 'VISA4111111111111111', 'acct_4111111111111111', 'card 4111111111111111-12/26',
      '4111.1111.1111.1111', '4111/1111/1111/1111', '4111 1111  1111 1111', '4111  1111  1111  1111', '4111 - 1111 - 1111 - 1111',
      '4111\n1111\n1111\n1111', '4111\t1111\t1111\t1111', '4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1', '3782-822463-10005',
    ];
    for (const text of forms) expect(detect(text, ['bank_card']), JSON.stringify(text)).toHaveLength(1);
  });

  it('ignores card-like numbers that fail Luhn, fractions, digit UUIDs and numbers inside hashes or identifiers', () => {
    const text = [
      'VISA4111111111111112', '4111.1111.1111.1112', '0.4111111111111111', '12345678-1234-4123-8123-123456789012',
      'deadbeef4111111111111111cafebabe0000', 'ab12cd4111111111111111', 'v4.1.1111.1111', '2024-06-18 13:55:36.4111',
    ].join(' | ');
    expect(matches(text, 'bank_card')).toEqual([]);
  });
});
