import { describe, expect, test } from 'vitest';
import { accountDelayMs } from '../../server/modules/auth/login-throttle.ts';
import { parseTrustProxy, sourceAddressOf } from '../../server/modules/auth/source-address.ts';

const origin = (remote: string | undefined, forwarded?: string) => ({
  req: { socket: { remoteAddress: remote } },
  request: { headers: { get: (name: string) => (name === 'x-forwarded-for' ? (forwarded ?? null) : null) } },
});

describe('the source address of a sign-in', () => {
  test('is the socket address, with IPv4-mapped IPv6 unwrapped and IPv6 counted by its /64', () => {
    expect(sourceAddressOf(origin('203.0.113.7'), 0)).toBe('203.0.113.7');
    expect(sourceAddressOf(origin('::ffff:203.0.113.7'), 0)).toBe('203.0.113.7');
    expect(sourceAddressOf(origin('2001:db8:0:42:1:2:3:4'), 0)).toBe('2001:db8:0:42::/64');
    expect(sourceAddressOf(origin('2001:db8::1'), 0)).toBe('2001:db8:0:0::/64');
    expect(sourceAddressOf(origin('::1'), 0)).toBe('0:0:0:0::/64');
    expect(sourceAddressOf({}, 0)).toBe('local');
  });

  test('believes x-forwarded-for only as far as the trusted proxies appended to it', () => {
    expect(sourceAddressOf(origin('10.0.0.2', '198.51.100.9'), 0)).toBe('10.0.0.2');
    // The client may send its own header; one proxy appends the real address at the end.
    expect(sourceAddressOf(origin('10.0.0.2', '1.2.3.4, 198.51.100.9'), 1)).toBe('198.51.100.9');
    expect(sourceAddressOf(origin('10.0.0.2', '1.2.3.4, 198.51.100.9, 10.0.0.1'), 2)).toBe('198.51.100.9');
    expect(sourceAddressOf(origin('10.0.0.2', 'not-an-address'), 1)).toBe('10.0.0.2');
    expect(sourceAddressOf(origin('10.0.0.2'), 1)).toBe('10.0.0.2');
  });

  test('ZERO_TRUST_PROXY is false, true or a number of proxies; anything else stops the start', () => {
    expect([undefined, '', 'false', '0', 'true', '2'].map((v) => parseTrustProxy(v))).toEqual([0, 0, 0, 0, 1, 2]);
    expect(() => parseTrustProxy('yes')).toThrow(/ZERO_TRUST_PROXY/);
  });
});

test('the account delay schedule: five free failures, then 1, 2, 4, 8, 16, 32 s, then a minute each', () => {
  expect(Array.from({ length: 14 }, (_, i) => accountDelayMs(i + 1) / 1000)).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
});
