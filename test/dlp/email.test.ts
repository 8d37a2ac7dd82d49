import { describe, expect, it } from 'vitest';
import { matches } from './helpers.ts';

describe('email detector', () => {
  it('finds addresses in English and Chinese text, trimming surrounding punctuation', () => {
    expect(matches('Send it to alice@example.com.', 'email')).toEqual(['alice@example.com']);
    expect(matches('请发到zhang.san@example.com。谢谢', 'email')).toEqual(['zhang.san@example.com']);
    expect(matches('请联系a@x.cn或b@y.com.cn，', 'email')).toEqual(['a@x.cn', 'b@y.com.cn']);
    expect(matches('<first.last+tag@sub.domain.co.uk>', 'email')).toEqual(['first.last+tag@sub.domain.co.uk']);
    expect(matches('QQ: 10086123@qq.com', 'email')).toEqual(['10086123@qq.com']);
  });

  it('folds full-width characters typed by Chinese input methods', () => {
    expect(matches('邮箱：ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'email')).toEqual(['ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ']);
  });

  it('ignores handles, scoped packages, retina assets, SSH remotes and URL credentials', () => {
    const text = [
      '@channel', '@types/node@20.11.0', 'icon@2x.png', 'git@github.com:acme/app.git', 'user@localhost',
      'https://admin:hunter2@db.example.com/app', 'a..b@example.com', '.@example.com', 'x@-bad.com',
    ].join(' ');
    expect(matches(text, 'email')).toEqual([]);
  });

  it('is linear on a huge local part with no domain', () => {
    const t0 = performance.now();
    expect(matches('a'.repeat(100_000) + '@', 'email')).toEqual([]);
    expect(matches('a@'.repeat(50_000), 'email')).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
