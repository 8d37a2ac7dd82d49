import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { SummaryCards, type ExecutiveSummary } from './SummaryCards.tsx';

const summary = (over: Partial<ExecutiveSummary> = {}): ExecutiveSummary => ({
  from: '2026-10-28T00:00:00.000Z',
  to: '2026-11-27T00:00:00.000Z',
  inputTokens: 1_200_000,
  outputTokens: 340_500,
  requests: 2400,
  errors: 30,
  errorRate: 0.0125,
  errorBreakdown: { failed: 20, quota: 6, budget: 0, rateLimit: 3, dlp: 1, access: 0 },
  fallbacks: 96,
  fallbackRate: 0.04,
  activeUsers: 57,
  latencyP50Ms: 812.4,
  latencyP95Ms: 4.26,
  topUsers: [],
  topModels: [],
  topProviders: [],
  dlpEvents: [],
  ...over,
});

const value = (id: string) => document.querySelector(`[data-stat=${id}] .stat-card-value`)!.textContent;
const detail = (id: string) => document.querySelector(`[data-stat=${id}] .stat-detail`)?.textContent;

describe('SummaryCards', () => {
  it('shows rates as percentages, latency in ms, and tokens in and out', () => {
    renderWithI18n(() => <SummaryCards summary={summary()} cost={1234.5} currency="USD" />);
    expect(value('tokens')).toBe('1.5M');
    expect(detail('tokens')).toBe('1,200,000 in · 340,500 out');
    expect(value('requests')).toBe('2,400');
    expect(value('error-rate')).toBe('1.3%');
    expect(detail('error-rate')).toBe('30 of 2,400 requests did not complete (failed 20 · quota 6 · rate limit 3 · DLP 1)');
    expect(value('fallback-rate')).toBe('4%');
    expect(value('active-users')).toBe('57');
    expect(value('latency-p50')).toBe('812 ms');
    // Below 10 ms one decimal stays, so a fast local provider does not read as 0.
    expect(value('latency-p95')).toBe('4.3 ms');
  });

  it('shows cost with its currency, small amounts to four places, and without one when no price is set', () => {
    const { unmount } = renderWithI18n(() => <SummaryCards summary={summary()} cost={1234.5} currency="USD" />);
    expect(value('cost')).toBe('$1,234.50');
    expect(detail('cost')).toContain('(US Dollar)');
    unmount();
    const second = renderWithI18n(() => <SummaryCards summary={summary()} cost={0.01234} currency="CNY" />, 'zh-CN');
    expect(value('cost')).toBe('¥0.0123');
    expect(detail('cost')).toContain('人民币');
    second.unmount();
    renderWithI18n(() => <SummaryCards summary={summary()} cost={0} currency={null} />);
    expect(value('cost')).toBe('0.00');
    expect(detail('cost')).toBe('No model prices set yet');
  });

  it("says what cost needs when the reader may not see everyone's usage", () => {
    renderWithI18n(() => <SummaryCards summary={summary()} cost={null} currency="CNY" />);
    expect(value('cost')).toBe('—');
    expect(detail('cost')).toBe('Needs the permission to see everyone’s usage');
  });

  it('shows a dash for latency without chats, and skeletons while loading', () => {
    const { unmount } = renderWithI18n(() => <SummaryCards summary={summary({ latencyP50Ms: null, latencyP95Ms: null, requests: 0, errorRate: 0 })} cost={0} currency="CNY" />);
    expect(value('latency-p50')).toBe('—');
    expect(value('error-rate')).toBe('0%');
    unmount();
    renderWithI18n(() => <SummaryCards summary={undefined} cost={undefined} currency={null} />);
    expect(screen.getAllByTestId('stat-card')).toHaveLength(8);
    expect(document.querySelectorAll('[data-stat] .skeleton')).toHaveLength(8);
  });

  it('speaks Chinese in zh-CN', () => {
    renderWithI18n(() => <SummaryCards summary={summary()} cost={12} currency="CNY" />, 'zh-CN');
    expect(screen.getByText('错误率')).toBeTruthy();
    expect(value('tokens')).toBe('154.1万');
    expect(value('cost')).toBe('¥12.00');
  });
});
