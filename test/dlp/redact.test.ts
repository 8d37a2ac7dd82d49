import { describe, expect, it } from 'vitest';
import { detect, type Finding, redact } from '../../server/modules/dlp/index.ts';

describe('redact', () => {
  it('replaces each finding with a placeholder named after its detector', () => {
    const text = '我的手机号是13812345678，邮箱a@example.com，请联系';
    expect(redact(text, detect(text))).toBe('我的手机号是[PHONE]，邮箱[EMAIL]，请联系');
  });

  it('accepts a custom placeholder that sees only metadata', () => {
    const text = 'key AKIAIOSFODNN7EXAMPLE here';
    const out = redact(text, detect(text), (f) => `<${f.detector}:${f.kind}:${f.end - f.start}>`);
    expect(out).toBe('key <secret:aws_access_key:20> here');
  });

  it('merges overlapping findings so no fragment survives; the earliest, then longest, names the span', () => {
    const text = '0123456789abcdef';
    const findings: Finding[] = [
      { detector: 'phone', start: 4, end: 10 },
      { detector: 'email', start: 2, end: 6 },
      { detector: 'secret', start: 2, end: 5 },
      { detector: 'iban', start: 12, end: 14 },
    ];
    expect(redact(text, findings)).toBe('01[EMAIL]ab[IBAN]ef');
  });

  it('keeps adjacent findings separate and tolerates unsorted or out-of-range input', () => {
    const findings: Finding[] = [
      { detector: 'ip_address', start: 3, end: 6 },
      { detector: 'email', start: 0, end: 3 },
      { detector: 'phone', start: 8, end: 99 },
    ];
    expect(redact('abcdefghij', findings)).toBe('[EMAIL][IP_ADDRESS]gh[PHONE]');
    expect(redact('abc', [])).toBe('abc');
  });

  it('does not report a finding nested inside another one (a QQ mail that looks like a phone)', () => {
    const text = '13812345678@qq.com';
    expect(detect(text).map((f) => f.detector)).toEqual(['email']);
  });
});
