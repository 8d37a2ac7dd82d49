import { describe, expect, it } from 'vitest';
import { matches } from './helpers.ts';
import { cnId, cnIdBadCheck, seeded } from './values.ts';

describe('cn_id detector', () => {
  it('finds 18-character IDs with a valid MOD 11-2 check, X in either case', () => {
    expect(matches('身份证11010519491231002X已实名', 'cn_id')).toEqual(['11010519491231002X']);
    expect(matches('id: 11010519491231002x.', 'cn_id')).toEqual(['11010519491231002x']);
    const r = seeded(7);
    for (let i = 0; i < 200; i++) {
      const id = cnId(r);
      expect(matches(`证件号码：${id}，`, 'cn_id')).toEqual([id]);
    }
  });

  it('finds the 6-8-4 grouped form', () => {
    expect(matches('身份证号码：110105 19491231 002X（分组）', 'cn_id')).toEqual(['110105 19491231 002X']);
    expect(matches('110105-19491231-002X', 'cn_id')).toEqual(['110105-19491231-002X']);
    expect(matches('110105 19491231 0021', 'cn_id')).toEqual([]);
  });

  it('rejects a wrong check character, an impossible date or an unknown province', () => {
    const r = seeded(8);
    for (let i = 0; i < 200; i++) expect(matches(cnIdBadCheck(r), 'cn_id')).toEqual([]);
    expect(matches('110105194913310029 11010519490230002X 99010519491231002X 11010519491231002Y', 'cn_id')).toEqual([]);
  });

  it('ignores IDs embedded in longer numbers or masked', () => {
    expect(matches('911010519491231002X 11010519491231002X5 110105********002X', 'cn_id')).toEqual([]);
  });

  it('reports the legacy 15-digit form only after an ID label', () => {
    expect(matches('老身份证号：110105491231002', 'cn_id')).toEqual(['110105491231002']);
    expect(matches('ID card no. 110105491231002', 'cn_id')).toEqual(['110105491231002']);
    expect(matches('Product code 110105491231002', 'cn_id')).toEqual([]);
  });

  it('finds IDs glued to a label and split by any common separator, and still checks the check character', () => {
    for (const text of ['ID11010519491231002X', '110105 1949 1231 002X', '110105.19491231.002X', '110105/1949/1231/002x', '110105  1949  1231  002X']) {
      expect(matches(text, 'cn_id'), text).toHaveLength(1);
    }
    expect(matches('ID11010519491231002Y 110105 1949 1231 0021 ab1101051949123100', 'cn_id')).toEqual([]);
  });
});
