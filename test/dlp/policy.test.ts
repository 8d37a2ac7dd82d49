import { describe, expect, it } from 'vitest';
import { applyPolicies, type DetectorId, type DlpAction } from '../../server/modules/dlp/index.ts';

const PROMPT = 'Call 13812345678 or 13987654321, mail a@example.com, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE.';
const SENSITIVE = ['13812345678', '13987654321', 'a@example.com', '4111 1111 1111 1111', 'AKIAIOSFODNN7EXAMPLE'];
const policies = (entries: [DetectorId, DlpAction][]) => new Map(entries);

describe('applyPolicies', () => {
  it('passes untouched text when nothing matches or every detector is allowed', () => {
    expect(applyPolicies('hello world', policies([['email', 'block']]))).toEqual({ action: 'pass', text: 'hello world', hits: [] });
    expect(applyPolicies(PROMPT, policies([['email', 'allow'], ['phone', 'allow']]))).toEqual({ action: 'pass', text: PROMPT, hits: [] });
  });

  it('records log hits without changing the text', () => {
    const r = applyPolicies(PROMPT, policies([['phone', 'log']]));
    expect(r).toEqual({ action: 'pass', text: PROMPT, hits: [{ detector: 'phone', kind: 'cn_mobile', action: 'log', count: 2 }] });
  });

  it('redacts only the redact-policy findings', () => {
    const r = applyPolicies(PROMPT, policies([['phone', 'redact'], ['email', 'log']]));
    expect(r.action).toBe('redacted');
    expect(r.text).toBe('Call [PHONE] or [PHONE], mail a@example.com, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE.');
    expect(r.hits).toEqual([
      { detector: 'email', action: 'log', count: 1 },
      { detector: 'phone', kind: 'cn_mobile', action: 'redact', count: 2 },
    ]);
  });

  it('block beats redact beats log, and a blocked text keeps no blocked or redacted data', () => {
    const r = applyPolicies(PROMPT, { phone: 'redact', email: 'log', secret: 'block', bank_card: 'redact' });
    expect(r.action).toBe('blocked');
    expect(r.text).toBe('Call [PHONE] or [PHONE], mail a@example.com, card [BANK_CARD], key [SECRET].');
    expect(r.hits.map((h) => [h.detector, h.action, h.count])).toEqual([
      ['email', 'log', 1],
      ['phone', 'redact', 2],
      ['bank_card', 'redact', 1],
      ['secret', 'block', 1],
    ]);
  });

  it('uses a custom placeholder', () => {
    const r = applyPolicies('mail a@example.com', { email: 'redact' }, { placeholder: () => '***' });
    expect(r.text).toBe('mail ***');
  });

  it('never puts matched text in a hit record', () => {
    const all = policies([['email', 'log'], ['phone', 'log'], ['bank_card', 'log'], ['secret', 'log'], ['cn_id', 'log'], ['iban', 'log'], ['ip_address', 'log']]);
    const serialised = JSON.stringify(applyPolicies(PROMPT, all).hits);
    for (const s of SENSITIVE) expect(serialised).not.toContain(s);
    expect(serialised).not.toContain('1111');
  });
});
