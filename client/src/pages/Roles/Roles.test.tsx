import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import type { RoleFieldsFragment } from '../../gql/graphql.ts';
import { renderWithI18n } from '../../test/render.tsx';
import { RolesView, type RolesViewProps } from './Roles.tsx';

const role = (over: Partial<RoleFieldsFragment>): RoleFieldsFragment => ({
  id: 'r',
  name: 'member',
  description: 'May chat and manage their own API keys',
  permissions: ['chat'],
  builtIn: true,
  updatedAt: '2026-11-30T00:00:00Z',
  ...over,
});

function view(over: Partial<RolesViewProps> = {}, locale: 'en' | 'zh-CN' = 'en') {
  const props: RolesViewProps = {
    roles: [role({}), role({ id: 'f', name: 'finance', description: 'Reads budgets', permissions: ['budgets:read', 'usage:read'], builtIn: false })],
    permissions: [],
    error: undefined,
    onRetry: () => {},
    canWrite: true,
    editing: null,
    onEdit: () => {},
    saveBusy: false,
    saveError: null,
    onSave: () => {},
    onDelete: () => {},
    rateLimits: new Map([['f', { requestsPerMinute: 60, tokensPerMinute: null }]]),
    canLimit: true,
    limiting: null,
    onLimit: () => {},
    onLimitChanged: () => {},
    ...over,
  };
  return renderWithI18n(() => <RolesView {...props} />, locale);
}

describe('RolesView', () => {
  it('names built-in roles and permissions in words, and counts with the right plural', () => {
    view();
    const [member, finance] = screen.getAllByTestId('role-row');
    expect(member.textContent).toContain('Member');
    expect(member.textContent).toContain('1 permission');
    expect(member.textContent).not.toContain('1 permissions');
    expect(finance.textContent).toContain('2 permissions');
    expect(finance.textContent).toContain('See budgets and prices');
  });

  it('offers no new, edit or delete to a reader without roles:write', () => {
    view({ canWrite: false });
    expect(screen.queryByRole('button', { name: /New role|Edit|Delete/ })).toBeNull();
  });

  it('never offers to delete a built-in role', () => {
    view();
    expect(screen.queryByRole('button', { name: 'Delete Member' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete finance' })).toBeTruthy();
  });

  it('speaks Chinese in zh-CN, custom names as they are', () => {
    view({}, 'zh-CN');
    const [member, finance] = screen.getAllByTestId('role-row');
    expect(member.textContent).toContain('成员');
    expect(member.textContent).toContain('可以发起对话并管理自己的 API 密钥');
    expect(finance.textContent).toContain('查看预算与价格');
    expect(finance.querySelector('.role-name')!.getAttribute('translate')).toBe('no');
  });

  it('shows each role\'s rate limit next to it, with a button to change it', () => {
    view();
    const cells = screen.getAllByTestId('role-rate-limit').map((c) => c.textContent);
    expect(cells[0]).toContain('No rate limit');
    expect(cells[1]).toContain('60 requests and unlimited tokens per minute');
    expect(screen.getAllByTestId('role-rate-limit-edit')).toHaveLength(2);
  });
});
