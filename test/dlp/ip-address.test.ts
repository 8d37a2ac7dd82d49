import { describe, expect, it } from 'vitest';
import { isIpv6 } from '../../server/modules/dlp/detectors/ip-address.ts';
import { matches } from './helpers.ts';

describe('ip_address detector', () => {
  it('finds IPv4 with ports, CIDR suffixes and full-width digits', () => {
    expect(matches('ECONNREFUSED 10.0.0.1:6379, CIDR 172.16.0.0/12, 服务器IP：１９２．１６８．１．１。', 'ip_address')).toEqual([
      '10.0.0.1', '172.16.0.0', '１９２．１６８．１．１',
    ]);
    expect(matches('server 13.171.254.147:8080;', 'ip_address')).toEqual(['13.171.254.147']);
  });

  it('ignores out-of-range octets, longer dotted numbers, versions and section numbers', () => {
    const text = [
      '999.1.1.1', '10.0.0.256', '1.2.3.4.5', 'OID 1.3.6.1.4.1.311', 'version 1.2.3.4', 'v1.0.0.1', 'upgrade 1.2.3.4 to 1.2.3.5',
      'Chrome/120.0.6099.109', 'Windows 10.0.19045.2965', 'section 3.2.1.4', '01.02.03.04', 'Python 3.11.4',
    ].join(' ; ');
    expect(matches(text, 'ip_address')).toEqual([]);
  });

  it('finds IPv6 full, compressed, bracketed, zoned and IPv4-mapped forms', () => {
    expect(matches('[2001:db8::1]:443 fe80::1%eth0 ::ffff:10.0.0.1 listen [::1]:80', 'ip_address')).toEqual([
      '2001:db8::1', 'fe80::1%eth0', '::ffff:10.0.0.1', '::1',
    ]);
    expect(matches('2001:0DB8:85A3:0000:0000:8A2E:0370:7334', 'ip_address')).toHaveLength(1);
  });

  it('ignores times, MAC addresses, C++/Rust paths and Python slices', () => {
    const text = '10:30:45 00:1A:2B:3C:4D:5E std::vector a::b::c crate::db::Pool arr[::100] arr[100::200] 1:2:3';
    expect(matches(text, 'ip_address')).toEqual([]);
  });

  it('validates IPv6 group counts', () => {
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isIpv6('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIpv6('2001:db8::1::2')).toBe(false);
    expect(isIpv6('2001:db8::12345')).toBe(false);
  });
});
