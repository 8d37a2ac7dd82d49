import { describe, expect, it } from 'vitest';
import { matches } from './helpers.ts';

describe('phone detector', () => {
  it('finds mainland mobiles with prefixes and 3-4-4 separators, inside Chinese text', () => {
    expect(matches('我的手机号是13812345678，请联系', 'phone')).toEqual(['13812345678']);
    expect(matches('call 138 1234 5678 or 139-8765-4321', 'phone')).toEqual(['138 1234 5678', '139-8765-4321']);
    expect(matches('+8613812345678 / 0086 13812345678 / +86-138-1234-5678', 'phone')).toEqual([
      '+8613812345678', '0086 13812345678', '+86-138-1234-5678',
    ]);
    expect(matches('电话：１３９１２３４５６７８（全角）', 'phone')).toEqual(['１３９１２３４５６７８']);
    expect(matches('手机：13812345678/13987654321,15011112222', 'phone')).toHaveLength(3);
  });

  it('finds international numbers only with a leading + or 00', () => {
    expect(matches('US +1 (415) 555-2671, UK +44 20 7946 0958, FR +33 1 42 68 53 00', 'phone')).toEqual([
      '+1 (415) 555-2671', '+44 20 7946 0958', '+33 1 42 68 53 00',
    ]);
    expect(matches('0044 20 7946 0958 and +81 3-1234-5678', 'phone')).toEqual(['0044 20 7946 0958', '+81 3-1234-5678']);
    expect(matches('4155552671 and 442079460958', 'phone')).toEqual([]);
  });

  it('finds mainland landlines only with an area-code separator', () => {
    expect(matches('座机010-62345678，(021) 61234567', 'phone')).toEqual(['010-62345678', '(021) 61234567']);
    expect(matches('01062345678', 'phone')).toEqual([]);
  });

  it('ignores digit runs inside longer numbers, amounts and timestamps', () => {
    const text = [
      'Order #13812345678901', '流水号2024061813812345678', '1712345678901', '1712345678', '营收13800000000元',
      '¥13912345678', 'v13812345678', '138.12345678', 'UTC+08:00', '+0800', '1e+10', '@@ -120,7 +120,8 @@',
      '138****5678', '00123456789012', 'DE89 3704 0044 0532 0130 00', '2024-01-02T10:30:45+08:00',
      '4111 1111 1111 1111', '+1 234 567 8901 2345 6789',
    ].join(' | ');
    expect(matches(text, 'phone')).toEqual([]);
  });

  it('finds North American numbers written nationally when the metadata calls them valid', () => {
    expect(matches('NY (212) 555-0187, SF 415-555-2671, DC 202.555.0143, 1-212-555-0187', 'phone')).toEqual([
      '(212) 555-0187', '415-555-2671', '202.555.0143', '1-212-555-0187',
    ]);
    expect(matches('123-456-7890, (555) 012-3456, part 415-555-2671-A, ISBN 978-7-115-54608-1, Zoom 913 4567 8901', 'phone')).toEqual([]);
  });
});
