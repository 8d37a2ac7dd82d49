import { describe, expect, it } from 'vitest';
import { applyPolicies, detect, redact } from '../../server/modules/dlp/index.ts';
import { foldConfusables, normaliseForDetection } from '../../server/modules/dlp/normalise.ts';

describe('normalisation before detection', () => {
  it('leaves ASCII text alone, at no cost (the same string comes back)', () => {
    const text = 'Plain ASCII prompt with 4111 and an e-mail-ish word.';
    expect(normaliseForDetection(text).text).toBe(text);
  });

  it('applies NFKC, drops format characters, maps every digit script to ASCII and dashes to "-"', () => {
    const cases: [string, string][] = [
      ['４１１１　１１１１', '4111 1111'], // full-width digits and ideographic space
      ['٤١١١', '4111'], // Arabic-Indic
      ['۴۱۱۱', '4111'], // extended Arabic-Indic (Persian)
      ['४१११', '4111'], // Devanagari
      ['๔๑๑๑', '4111'], // Thai
      ['𝟒𝟏𝟏𝟏', '4111'], // mathematical bold
      ['41\u200B11\u200C11\u200D11\u206011\u00AD11\uFEFF11', '41111111111111'], // ZWSP ZWNJ ZWJ WJ SHY BOM
      ['4111\u00A01111\u202F1111', '4111 1111 1111'], // no-break spaces
      ['4111\u20131111\u20121111\u22121111', '4111-1111-1111-1111'], // en dash, figure dash, minus
      ['4\u03321\u03321', '411'], // combining low line under digits
      ['a﹫b．c', 'a@b.c'],
      ['café', 'café'], // a composed letter stays a letter
    ];
    for (const [input, expected] of cases) expect(normaliseForDetection(input).text, JSON.stringify(input)).toBe(expected);
  });

  it('maps every span back to exactly the original characters, hidden ones inside included', () => {
    const text = '卡号：𝟒𝟏𝟏𝟏\u200B1111\u00AD1111\u20601111，谢谢';
    const [finding] = detect(text, ['bank_card']);
    expect(text.slice(finding.start, finding.end)).toBe('𝟒𝟏𝟏𝟏\u200B1111\u00AD1111\u20601111');
    expect(redact(text, [finding])).toBe('卡号：[BANK_CARD]，谢谢');
  });

  it('redacts obfuscated data without leaving a fragment behind', () => {
    const cases: [string, string][] = [
      ['pay ٤١١١١١١١١١١١١١١١ now', 'pay [BANK_CARD] now'],
      ['write to zh\u200Bang@exa\u200Dmple.com today', 'write to [EMAIL] today'],
      ['mail zhang.san﹫example。com 谢谢', 'mail [EMAIL] 谢谢'],
      ['请联系张三@公司.中国请回复', '请联系[EMAIL]请回复'],
      ['ID１１０１０５１９４９１２３１００２Ｘ.', 'ID[CN_ID].'],
      ['export TOKEN=Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB\nnext', 'export TOKEN=[SECRET]\nnext'],
    ];
    const policies = { bank_card: 'redact', email: 'redact', cn_id: 'redact', secret: 'redact' } as const;
    for (const [input, expected] of cases) expect(applyPolicies(input, policies).text, JSON.stringify(input)).toBe(expected);
  });

  it('keeps the label glued to a card or ID outside the redacted span', () => {
    expect(applyPolicies('Card No.4111111111111111 ok', { bank_card: 'redact' }).text).toBe('Card No.[BANK_CARD] ok');
    expect(applyPolicies('card 4111111111111111-12/26', { bank_card: 'redact' }).text).toBe('card [BANK_CARD]-12/26');
  });

  it('folds Cyrillic and Greek look-alikes only where the result is Latin', () => {
    expect(foldConfusables('cоm')).toBe('com'); // Cyrillic о
    expect(foldConfusables('cοm')).toBe('com'); // Greek ο
    expect(foldConfusables('рф')).toBe('рф'); // genuinely Cyrillic
  });
});
