import { screen, within } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import type { UserRowFragment } from '../../gql/graphql.ts';
import { renderWithI18n } from '../../test/render.tsx';
import { UsersTable } from './UsersTable.tsx';

const user = (over: Partial<UserRowFragment>): UserRowFragment => ({
  id: 'u1',
  name: 'Li Wei',
  email: 'li.wei@example.com',
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00Z',
  roles: [{ id: 'r2', name: 'member', builtIn: true }],
  quota: { id: 'u1', dailyInputLimit: 1000, dailyOutputLimit: null },
  todayUsage: { inputTokens: 850, outputTokens: 40, requests: 3 },
  ...over,
});

describe('UsersTable', () => {
  it('renders one row per user with status, roles and a link to the user', () => {
    renderWithI18n(() => (
      <UsersTable caption="Users" users={[user({}), user({ id: 'u2', name: 'Bob', email: 'bob@example.com', status: 'SUSPENDED', roles: [] })]} />
    ));
    const rows = screen.getAllByTestId('user-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Li Wei')).toBeTruthy();
    expect(within(rows[0]).getByText('Member')).toBeTruthy();
    expect(within(rows[0]).getByText('Active')).toBeTruthy();
    expect(within(rows[0]).getByRole('link').getAttribute('href')).toMatch(/\/users\/u1$/);
    expect(within(rows[1]).getByText('Suspended')).toBeTruthy();
    expect(within(rows[1]).getByText('No roles')).toBeTruthy();
  });

  it("draws today's usage as a bar against the daily limit, warning from 80 %", () => {
    renderWithI18n(() => <UsersTable caption="Users" users={[user({})]} />);
    const meter = screen.getByRole('meter', { name: 'In' });
    expect(meter.getAttribute('aria-valuenow')).toBe('850');
    expect(meter.getAttribute('aria-valuemax')).toBe('1000');
    expect((meter.firstElementChild as HTMLElement).style.width).toBe('85%');
    expect(meter.closest('.quota')!.getAttribute('data-level')).toBe('high');
  });

  it('shows an unlimited quota as text without a meter', () => {
    renderWithI18n(() => <UsersTable caption="Users" users={[user({})]} />);
    expect(screen.queryByRole('meter', { name: 'Out' })).toBeNull();
    expect(screen.getByText('40 · no limit')).toBeTruthy();
  });

  it('caps the bar at the limit when usage went over it', () => {
    renderWithI18n(() => <UsersTable caption="Users" users={[user({ todayUsage: { inputTokens: 5000, outputTokens: 0, requests: 1 } })]} />);
    const meter = screen.getByRole('meter', { name: 'In' });
    expect((meter.firstElementChild as HTMLElement).style.width).toBe('100%');
    expect(meter.closest('.quota')!.getAttribute('data-level')).toBe('full');
  });
});
