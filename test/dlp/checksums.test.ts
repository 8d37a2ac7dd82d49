import { describe, expect, it } from 'vitest';
import { cnIdCheckChar, ibanMod97, isValidCnId15, isValidCnId18, isValidDate, isValidIban, luhnCheckDigit, luhnValid } from '../../server/modules/dlp/checksums.ts';

describe('check digits', () => {
  it('Luhn accepts known-good numbers and rejects a single-digit change', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011000990139424', '79927398713']) expect(luhnValid(n)).toBe(true);
    for (const n of ['4111111111111112', '79927398710', '', '41111x1111111111']) expect(luhnValid(n)).toBe(false);
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it('MOD 11-2 maps a remainder of 2 to X', () => {
    expect(cnIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidCnId18('11010519491231002X')).toBe(true);
    expect(isValidCnId18('11010519491231002x')).toBe(true);
    expect(isValidCnId18('110105194912310021')).toBe(false);
  });

  it('an ID needs a province, a real birth date and the check character', () => {
    expect(isValidCnId18('99010519491231002X')).toBe(false); // no province 99
    expect(isValidCnId18('110105194913310029')).toBe(false); // month 13
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidCnId15('110105491231002')).toBe(true);
    expect(isValidCnId15('110105491331002')).toBe(false);
  });

  it('IBAN mod-97 and the per-country length', () => {
    expect(ibanMod97('GB82WEST12345698765432')).toBe(1);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('GB82WEST1234569876543')).toBe(false); // one short for GB
    expect(isValidIban('GB83WEST12345698765432')).toBe(false);
    expect(isValidIban('XX82WEST12345698765432')).toBe(false);
  });
});
