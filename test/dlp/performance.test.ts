import { describe, expect, it } from 'vitest';
import { applyPolicies, detect } from '../../server/modules/dlp/index.ts';
import { loadCorpus } from './corpus-score.ts';

function timeMs(fn: () => unknown, runs = 5): number {
  fn(); // warm up the regex JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return Math.min(...samples);
}

const corpusText = loadCorpus().map((e) => e.text).join('\n\n');
const oneMegabyte = corpusText.repeat(Math.ceil(1_000_000 / corpusText.length)).slice(0, 1_000_000);

describe('detection performance', () => {
  it('scans 1 MB of realistic prompts with every detector in well under 100 ms', () => {
    const ms = timeMs(() => detect(oneMegabyte));
    console.log(`detect, 1 MB realistic text: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(100);
  });

  it('handles a typical 2 KB prompt in a fraction of a millisecond (p50)', () => {
    const prompts: string[] = [];
    for (let i = 0; i < 200; i++) prompts.push(oneMegabyte.slice(i * 2048, (i + 1) * 2048));
    const policies = { email: 'redact', phone: 'redact', cn_id: 'block', bank_card: 'block', iban: 'redact', ip_address: 'log', secret: 'block' } as const;
    for (const p of prompts) applyPolicies(p, policies);
    const samples = prompts.map((p) => {
      const t0 = performance.now();
      applyPolicies(p, policies);
      return performance.now() - t0;
    }).sort((a, b) => a - b);
    const p50 = samples[samples.length >> 1];
    const p99 = samples[Math.floor(samples.length * 0.99)];
    console.log(`applyPolicies, 2 KB prompt: p50 ${(p50 * 1000).toFixed(0)} µs, p99 ${(p99 * 1000).toFixed(0)} µs`);
    expect(p50).toBeLessThan(1);
  });

  // Inputs that make naive patterns quadratic or exponential; each must stay linear.
  const pathological: Record<string, (n: number) => string> = {
    'a…a@': (n) => 'a'.repeat(n) + '@',
    'a@a@…': (n) => 'a@'.repeat(n / 2),
    'a.a.a…@': (n) => 'a.'.repeat(n / 2) + '@x',
    'digits': (n) => '1'.repeat(n),
    'spaced digits': (n) => '1 '.repeat(n / 2),
    'dotted digits': (n) => '1.'.repeat(n / 2),
    'colons': (n) => 'a:'.repeat(n / 2),
    'hex colons': (n) => 'ab:'.repeat(n / 3) + '::',
    'upper alnum': (n) => 'A1'.repeat(n / 2),
    'base64': (n) => 'aB3/'.repeat(n / 4),
    'eyJ': (n) => 'eyJ'.repeat(n / 3),
    'sk-': (n) => 'sk-'.repeat(n / 3),
    'PEM headers': (n) => '-----BEGIN PRIVATE KEY-----'.repeat(n / 27),
    '+1 +1': (n) => '+1 '.repeat(n / 3),
    '00(1)': (n) => '00(1)'.repeat(n / 5),
    'IBAN-ish': (n) => 'DE89 '.repeat(n / 5),
  };

  for (const [name, make] of Object.entries(pathological)) {
    it(`stays linear on ${name}`, () => {
      const small = timeMs(() => detect(make(100_000)), 3);
      const large = timeMs(() => detect(make(400_000)), 3);
      expect(small, `${name}: 100 KB took ${small.toFixed(1)} ms`).toBeLessThan(50);
      // 4x the input may cost at most ~4x (plus slack for timer noise); quadratic would be 16x.
      expect(large, `${name}: 100 KB ${small.toFixed(1)} ms, 400 KB ${large.toFixed(1)} ms`).toBeLessThan(Math.max(small * 8, 20));
    });
  }
});
