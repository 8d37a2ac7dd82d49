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
    // CPU time, not wall time: a busy neighbour on the shared test machine should not fail it.
    const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
    const t0 = cpuMs();
    expect(matches('a'.repeat(100_000) + '@', 'email')).toEqual([]);
    expect(matches('a@'.repeat(50_000), 'email')).toEqual([]);
    expect(cpuMs() - t0).toBeLessThan(50);
  });

  it('finds internationalised addresses and addresses written to dodge filters', () => {
    const forms = [
      '张三@公司.中国', 'иван@почта.рф', 'müller@bücher.de', 'zhang.san@example。com', 'zhang.san﹫example.com', 'zhang.san%40example.com',
      'zhang.san @ example.com', 'zhang.san(at)example.com', 'zhang.san [at] example [dot] com', 'zhang AT example DOT com',
      'email me: zhang at example.com', 'li.na at example.com', 'zhаng@exаmple.cоm',
    ];
    for (const text of forms) expect(matches(text, 'email'), text).toHaveLength(1);
    expect(matches('请联系张三@公司.中国请回复', 'email')).toEqual(['张三@公司.中国']);
    expect(matches('请发到me@example.com。Thanks', 'email')).toEqual(['me@example.com']);
  });

  it('does not read everyday "at" and "@" as addresses', () => {
    const text = [
      'look at google.com', 'the docs are available at docs.python.org', 'meet at 10.30', 'RFC 5321 at tools.ietf.org',
      'y = x @ w.T', 'x @ self.weight', 'ping @alice and @bob.smith', 'contact us at support.example.com', 'Secret Santa at office.party',
    ].join(' | ');
    expect(matches(text, 'email')).toEqual([]);
  });
});
