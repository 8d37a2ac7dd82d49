import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { barScale, BudgetBars, budgetLevel, type BudgetRow } from './BudgetBars.tsx';

const budget = (over: Partial<Omit<BudgetRow, 'status'>> & { status?: Partial<BudgetRow['status']> } = {}): BudgetRow => {
  const { status, ...rest } = over;
  return {
    id: 'b1',
    scope: 'ORGANISATION',
    amount: 100,
    currency: 'CNY',
    hardStop: false,
    thresholds: [50, 80, 100],
    userId: null,
    roleId: null,
    user: null,
    role: null,
    ...rest,
    status: { period: '2026-11', spent: 62.5, remaining: 37.5, percent: 62.5, exceeded: false, thresholdsCrossed: [50], resetsAt: '2026-12-01T00:00:00.000Z', ...status },
  };
};

const bars = () => screen.getAllByTestId('budget-bar');

describe('BudgetBars', () => {
  it('shows spend against the amount with currency, the percentage, and the bar filled that far', () => {
    renderWithI18n(() => <BudgetBars budgets={[budget()]} />);
    const [bar] = bars();
    expect(bar.querySelector('[data-testid=budget-percent]')!.textContent).toBe('62.5%');
    expect(bar.textContent).toContain('CN¥62.50 of CN¥100.00');
    expect((bar.querySelector('.budget-fill') as HTMLElement).style.width).toBe('62.5%');
    expect(screen.getByRole('meter', { name: 'Spend of Whole organisation' }).getAttribute('aria-valuetext')).toBe('CN¥62.50 of CN¥100.00');
  });

  it('marks each threshold on the bar, the crossed ones apart from the rest', () => {
    renderWithI18n(() => <BudgetBars budgets={[budget({ thresholds: [50, 80, 100] })]} />);
    const marks = [...bars()[0].querySelectorAll<HTMLElement>('.budget-mark')];
    expect(marks.map((m) => [m.dataset.threshold, m.style.left, m.classList.contains('budget-mark-crossed')])).toEqual([
      ['50', '50%', true],
      ['80', '80%', false],
      ['100', '100%', false],
    ]);
    expect(marks[1].getAttribute('title')).toBe('Alert at 80%');
  });

  it('turns amber once a threshold is crossed and red at or over the amount, where the scale stretches past 100%', () => {
    renderWithI18n(() => (
      <BudgetBars
        budgets={[
          budget({ id: 'ok', status: { spent: 10, percent: 10, thresholdsCrossed: [] } }),
          budget({ id: 'warn' }),
          budget({ id: 'over', status: { spent: 125, percent: 125, exceeded: true, thresholdsCrossed: [50, 80, 100] } }),
        ]}
      />
    ));
    expect(bars().map((b) => b.dataset.level)).toEqual(['ok', 'warn', 'over']);
    const over = bars()[2];
    expect(over.querySelector('[data-testid=budget-percent]')!.textContent).toBe('125%');
    expect((over.querySelector('.budget-fill') as HTMLElement).style.width).toBe('100%');
    expect((over.querySelector('[data-threshold="100"]') as HTMLElement).style.left).toBe('80%');
  });

  it('flags a hard stop, and says alerts only otherwise; names the role or user a budget is for', () => {
    renderWithI18n(() => (
      <BudgetBars
        budgets={[
          budget({ id: 'r', scope: 'ROLE', role: { id: 'r1', name: 'engineering', builtIn: false }, hardStop: true }),
          budget({ id: 'u', scope: 'USER', user: { id: 'u1', name: '李伟', email: 'li.wei@example.cn' } }),
        ]}
      />
    ));
    const [role, user] = bars();
    expect(role.querySelector('[data-testid=budget-hard-stop]')!.textContent).toBe('Hard stop');
    expect(role.textContent).toContain('Role');
    expect(role.textContent).toContain('engineering');
    expect(user.querySelector('[data-testid=budget-hard-stop]')).toBeNull();
    expect(user.textContent).toContain('Alerts only');
    expect(user.textContent).toContain('李伟');
  });

  it('invites creating one when there are none', () => {
    renderWithI18n(() => <BudgetBars budgets={[]} />);
    expect(screen.getByText('No budgets yet.')).toBeTruthy();
  });

  it('speaks Chinese in zh-CN', () => {
    renderWithI18n(() => <BudgetBars budgets={[budget({ hardStop: true })]} />, 'zh-CN');
    expect(bars()[0].textContent).toContain('已用 ¥62.50 / ¥100.00');
    expect(screen.getByText('超额即停')).toBeTruthy();
  });
});

describe('budget scale and level', () => {
  it('reaches 100% at least, further for a higher threshold or spend, at most 1000%', () => {
    expect(barScale({ thresholds: [50, 80], status: { percent: 20 } })).toBe(100);
    expect(barScale({ thresholds: [50, 150], status: { percent: 20 } })).toBe(150);
    expect(barScale({ thresholds: [50], status: { percent: 5000 } })).toBe(1000);
    expect(budgetLevel({ status: { percent: 99.9, exceeded: false, thresholdsCrossed: [] } })).toBe('ok');
    expect(budgetLevel({ status: { percent: 100, exceeded: false, thresholdsCrossed: [100] } })).toBe('over');
  });
});
