import { fireEvent, screen } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { BudgetForm } from './BudgetForm.tsx';

const roles = [
  { id: 'r1', name: 'admin', builtIn: true },
  { id: 'r2', name: 'finance', builtIn: false },
];

function setup(canPickUser = true) {
  const onSubmit = vi.fn();
  renderWithI18n(() => <BudgetForm currency="CNY" roles={roles} canPickUser={canPickUser} busy={false} error={null} onSubmit={onSubmit} onCancel={() => {}} />, 'zh-CN');
  return { onSubmit };
}

describe('BudgetForm', () => {
  it('checks the amount, the thresholds and the chosen role before sending, each at its field', () => {
    const { onSubmit } = setup();
    fireEvent.click(screen.getByRole('radio', { name: '角色' }));
    fireEvent.input(screen.getByLabelText(/每月金额/), { target: { value: '1.234' } });
    fireEvent.input(screen.getByLabelText(/告警阈值/), { target: { value: '50, 50' } });
    fireEvent.click(screen.getByRole('button', { name: '创建' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请输入大于 0 的金额，最多两位小数')).toBeTruthy();
    expect(screen.getByText(/请输入 1 至 10 个互不相同的整数百分比/)).toBeTruthy();
    expect(screen.getByText('请选择角色')).toBeTruthy();
    // The currency by name, the role by its translated name.
    expect(screen.getByLabelText('每月金额（人民币）')).toBeTruthy();
    expect(screen.getByRole('option', { name: '管理员' })).toBeTruthy();
  });

  it('sends a role budget with sorted thresholds and the hard stop', () => {
    const { onSubmit } = setup();
    fireEvent.click(screen.getByRole('radio', { name: '角色' }));
    fireEvent.change(screen.getByLabelText('角色'), { target: { value: 'r2' } });
    fireEvent.input(screen.getByLabelText(/每月金额/), { target: { value: '2,000' } });
    fireEvent.input(screen.getByLabelText(/告警阈值/), { target: { value: '100，80 50%' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /超额即停/ }));
    fireEvent.click(screen.getByRole('button', { name: '创建' }));
    expect(onSubmit).toHaveBeenCalledWith({ scope: 'ROLE', userId: null, roleId: 'r2', amount: 2000, thresholds: [50, 80, 100], hardStop: true });
  });

  it('offers no user budget to someone who may not list users', () => {
    setup(false);
    expect(screen.queryByRole('radio', { name: '用户' })).toBeNull();
  });
});
