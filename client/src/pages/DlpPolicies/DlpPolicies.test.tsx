import { fireEvent, screen } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { DlpPoliciesView } from './DlpPolicies.tsx';
import { policyMatrix } from './policy-matrix.ts';

const matrix = policyMatrix(
  [
    { detector: 'EMAIL', action: 'LOG', roleId: null },
    { detector: 'SECRET', action: 'BLOCK', roleId: null },
    { detector: 'EMAIL', action: 'ALLOW', roleId: 'r2' },
  ],
  [{ id: 'r2', name: 'support', builtIn: false }],
);

describe('DlpPoliciesView', () => {
  it('shows what applies per detector and role to a reader, a role without its own as following the organisation', () => {
    renderWithI18n(() => <DlpPoliciesView columns={matrix.columns} rows={matrix.rows} error={undefined} onRetry={() => {}} canWrite={false} onChange={() => {}} />, 'zh-CN');
    const email = document.querySelector('[data-detector=EMAIL]')!;
    expect([...email.querySelectorAll('[data-action]')].map((b) => b.textContent)).toEqual(['仅记录', '放行']);
    const secret = document.querySelector('[data-detector=SECRET]')!;
    expect(secret.textContent).toContain('同组织默认');
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('lets a writer choose, and hands the choice over without applying it (it is confirmed first)', () => {
    const onChange = vi.fn();
    renderWithI18n(() => <DlpPoliciesView columns={matrix.columns} rows={matrix.rows} error={undefined} onRetry={() => {}} canWrite onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'E-mail address for support' }) as HTMLSelectElement;
    expect(select.value).toBe('ALLOW');
    fireEvent.change(select, { target: { value: 'BLOCK' } });
    expect(onChange).toHaveBeenCalledWith('EMAIL', matrix.columns[1], 'BLOCK');
    expect(select.value).toBe('ALLOW');
  });
});
