import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { BudgetAlertList, type BudgetAlertRow } from './BudgetAlertList.tsx';
import { mergeAlerts } from './alerts.ts';

const alert = (over: Partial<BudgetAlertRow>): BudgetAlertRow => ({
  id: 'a1',
  at: '2026-11-26T08:00:00.000Z',
  threshold: 80,
  scope: 'USER',
  target: 'li.wei@example.cn',
  spent: 82,
  amount: 100,
  currency: 'CNY',
  period: '2026-11',
  budgetId: 'b1',
  deliveries: [],
  ...over,
});

const rows = () => screen.getAllByTestId('budget-alert');

describe('BudgetAlertList', () => {
  it('shows the threshold reached, whose budget, the spend, and how each webhook delivery went', () => {
    renderWithI18n(() => (
      <BudgetAlertList
        caption="Alerts"
        total={2}
        alerts={[
          alert({
            id: '2',
            threshold: 100,
            scope: 'ORGANISATION',
            target: null,
            deliveries: [
              { status: 'delivered', format: 'json', url: 'https://hooks.example/a', attempts: 1, lastError: null, deliveredAt: '2026-11-26T08:00:01.000Z' },
              { status: 'failed', format: 'wecom', url: 'https://qyapi.weixin.qq.com/x', attempts: 5, lastError: 'HTTP 500', deliveredAt: null },
            ],
          }),
          alert({ id: '1' }),
        ]}
      />
    ));
    const [org, user] = rows();
    expect(org.querySelector('.badge')!.textContent).toBe('100% reached');
    expect(org.querySelector('.badge')!.className).toContain('badge-danger');
    expect(org.querySelector('th')!.textContent).toMatch(/^Whole organisation/);
    const deliveries = [...org.querySelectorAll('[data-delivery]')];
    expect(deliveries.map((d) => [d.textContent, d.className])).toEqual([
      ['Delivered', 'badge badge-success'],
      ['Failed', 'badge badge-danger'],
    ]);
    expect(deliveries[1].getAttribute('title')).toBe('https://qyapi.weixin.qq.com/x · HTTP 500 · 5 attempts');
    expect(user.querySelector('.badge')!.textContent).toBe('80% reached');
    expect(user.querySelector('.badge')!.className).toContain('badge-warning');
    expect(user.textContent).toContain('User · li.wei@example.cn');
    expect(user.textContent).toContain('CN¥82.00 of CN¥100.00');
    expect(user.textContent).toContain('No webhook');
    expect(user.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-26T08:00:00.000Z');
  });

  it('says so when no alert was raised, and counts those not shown', () => {
    const { unmount } = renderWithI18n(() => <BudgetAlertList caption="Alerts" total={0} alerts={[]} />);
    expect(screen.getByText(/No alerts this month/)).toBeTruthy();
    unmount();
    renderWithI18n(() => <BudgetAlertList caption="告警" total={9} alerts={[alert({})]} />, 'zh-CN');
    expect(screen.getByText('共 9 条告警')).toBeTruthy();
    expect(screen.getByText('已达 80%')).toBeTruthy();
  });
});

describe('mergeAlerts', () => {
  it('puts live alerts with the loaded page, newest first, each once, up to the limit', () => {
    const live = [alert({ id: 'c', at: '2026-11-26T10:00:00.000Z' }), alert({ id: 'b', at: '2026-11-26T09:00:00.000Z' })];
    const loaded = [alert({ id: 'b', at: '2026-11-26T09:00:00.000Z' }), alert({ id: 'a', at: '2026-11-26T08:00:00.000Z' })];
    expect(mergeAlerts(live, loaded, 6).map((a) => a.id)).toEqual(['c', 'b', 'a']);
    expect(mergeAlerts(live, loaded, 2).map((a) => a.id)).toEqual(['c', 'b']);
  });
});
