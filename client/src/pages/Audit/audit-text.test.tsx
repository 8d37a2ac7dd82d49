import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { AuditActor, AuditTarget, type AuditRecordRow } from './AuditDetail.tsx';
import { AuditMetadata } from './AuditMetadata.tsx';
import { useAuditText } from './audit-text.ts';

const record = (over: Partial<AuditRecordRow>): AuditRecordRow => ({
  id: '1',
  seq: '7',
  at: '2026-11-30T08:00:00Z',
  action: 'user.status',
  userId: 'a1',
  user: { id: 'a1', name: 'Admin', email: 'admin@example.cn' },
  targetType: 'user',
  targetId: 'u1',
  targetUser: null,
  metadata: {},
  model: null,
  provider: null,
  inputTokens: null,
  outputTokens: null,
  latencyMs: null,
  promptHash: null,
  responseHash: null,
  prevHash: null,
  hash: null,
  ...over,
});

function Summary(props: { record: AuditRecordRow }) {
  const text = useAuditText();
  const summary = () => text.summary(props.record);
  return <p data-testid="summary">{typeof summary() === 'object' ? (summary() as { data: string }).data : (summary() as string)}</p>;
}

describe('audit records in words', () => {
  it('spells out a change, with statuses in the reader\'s language', () => {
    renderWithI18n(() => <Summary record={record({ metadata: { changes: { status: { from: 'ACTIVE', to: 'SUSPENDED' } } } })} />, 'zh-CN');
    expect(screen.getByTestId('summary').textContent).toBe('状态：正常 → 已停用');
  });

  it('rounds a chat\'s latency and groups its tokens', () => {
    renderWithI18n(() => <Summary record={record({ action: 'chat', model: 'mock-small', inputTokens: 1234, outputTokens: 5, latencyMs: 20.3725390000036, metadata: { outcome: 'ok' } })} />);
    expect(screen.getByTestId('summary').textContent).toBe('1,234 in / 5 out tokens · 20 ms');
  });

  it('shows a failed sign-in\'s account as its target, and nobody known as its actor', () => {
    const failed = record({ action: 'login.failed', user: { id: 'u1', name: '李伟', email: 'li.wei@example.cn' }, userId: 'u1', metadata: { email: 'li.wei@example.cn', reason: 'wrong password' } });
    renderWithI18n(() => (
      <>
        <div data-testid="actor">
          <AuditActor record={failed} />
        </div>
        <div data-testid="target">
          <AuditTarget record={failed} />
        </div>
        <Summary record={failed} />
      </>
    ), 'zh-CN');
    expect(screen.getByTestId('actor').textContent).toBe('未知（登录尝试）');
    expect(screen.getByTestId('target').textContent).toContain('李伟');
    expect(screen.getByTestId('summary').textContent).toBe('密码错误');
  });

  it('takes a failed sign-in\'s account from its target, as the gateway now records it', () => {
    const failed = record({ action: 'login.failed', user: null, userId: null, targetUser: { id: 'u1', name: '李伟', email: 'li.wei@example.cn' }, metadata: { email: 'li.wei@example.cn', reason: 'wrong password' } });
    renderWithI18n(() => (
      <div data-testid="target">
        <AuditTarget record={failed} />
      </div>
    ), 'zh-CN');
    expect(screen.getByTestId('target').textContent).toContain('李伟');
  });

  it('lays metadata out by field name, values formatted, recorded text marked as data', () => {
    renderWithI18n(() => <AuditMetadata value={{ reason: 'unknown email', requestId: 'f3a9', latencyMs: 20.37, hardStop: true, amount: 12.5, currency: 'CNY' }} />, 'zh-CN');
    const text = document.body.textContent!;
    expect(text).toContain('原因没有使用此邮箱的账户');
    expect(text).toContain('延迟20 毫秒');
    expect(text).toContain('超额即停是');
    expect(text).toContain('金额¥12.50');
    expect(screen.getByText('f3a9').getAttribute('translate')).toBe('no');
  });
});
