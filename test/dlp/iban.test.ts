import { describe, expect, it } from 'vitest';
import { matches } from './helpers.ts';
import { iban, ibanBadCheck, printIban, seeded } from './values.ts';

describe('iban detector', () => {
  it('finds print and electronic forms, any case', () => {
    expect(matches('IBAN DE89 3704 0044 0532 0130 00, thanks', 'iban')).toEqual(['DE89 3704 0044 0532 0130 00']);
    expect(matches('<IBAN>NL91ABNA0417164300</IBAN>', 'iban')).toEqual(['NL91ABNA0417164300']);
    expect(matches('pasted de89370400440532013000 from the portal', 'iban')).toEqual(['de89370400440532013000']);
    expect(matches('收款账户：GB82 WEST 1234 5698 7654 32，户名ACME', 'iban')).toEqual(['GB82 WEST 1234 5698 7654 32']);
    const r = seeded(21);
    for (let i = 0; i < 100; i++) {
      const v = iban(r);
      expect(matches(`a ${v} b`, 'iban')).toEqual([v]);
      expect(matches(`a ${printIban(v)} b`, 'iban')).toEqual([printIban(v)]);
    }
  });

  it('stops at the registered length when a group of digits follows', () => {
    expect(matches('DE89 3704 0044 0532 0130 00 1234', 'iban')).toEqual(['DE89 3704 0044 0532 0130 00']);
  });

  it('rejects a wrong check, unknown country or wrong length', () => {
    const r = seeded(22);
    for (let i = 0; i < 100; i++) expect(matches(ibanBadCheck(r), 'iban')).toEqual([]);
    expect(matches('AB12 3456 7890 1234 5678 90 | DE89 3704 0044 0532 0130 0 | DE8937040044053201300012', 'iban')).toEqual([]);
  });
});
