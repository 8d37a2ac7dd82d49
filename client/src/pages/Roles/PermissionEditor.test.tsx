import { fireEvent, screen, within } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { groupPermissions, PermissionEditor } from './PermissionEditor.tsx';

const PERMISSIONS = [
  { name: 'users:read', group: 'Users', description: 'See every user' },
  { name: 'users:write', group: 'Users', description: 'Create and edit users' },
  { name: 'roles:write', group: 'Roles', description: 'Create, edit and delete roles' },
  { name: 'chat', group: 'Chat', description: 'Send chats' },
];

function setup(initial: string[] = []) {
  const [selected, setSelected] = createSignal<string[]>(initial);
  renderWithI18n(() => <PermissionEditor permissions={PERMISSIONS} selected={selected()} onChange={setSelected} />);
  return { selected };
}

describe('PermissionEditor', () => {
  it('groups permissions in server order, each with its description', () => {
    expect(groupPermissions(PERMISSIONS).map((g) => g.group)).toEqual(['Users', 'Roles', 'Chat']);
    setup();
    const groups = screen.getAllByRole('group');
    expect(groups).toHaveLength(3);
    expect(within(groups[0]).getByText('See every user, their roles, quota, usage today and API keys')).toBeTruthy();
    expect(within(groups[0]).getAllByRole('checkbox')).toHaveLength(3); // group box + two permissions
  });

  it('checks the permissions it was given', () => {
    setup(['roles:write']);
    expect((screen.getByRole('checkbox', { name: /Manage roles/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: /See users/ }) as HTMLInputElement).checked).toBe(false);
  });

  it('toggles one permission', () => {
    const { selected } = setup(['chat']);
    fireEvent.click(screen.getByRole('checkbox', { name: /Manage users/ }));
    expect(selected().sort()).toEqual(['chat', 'users:write']);
    fireEvent.click(screen.getByRole('checkbox', { name: /^Chat/ }));
    expect(selected()).toEqual(['users:write']);
  });

  it('names permissions and groups in Chinese', () => {
    const [selected, setSelected] = createSignal<string[]>([]);
    renderWithI18n(() => <PermissionEditor permissions={PERMISSIONS} selected={selected()} onChange={setSelected} />, 'zh-CN');
    expect(screen.getByRole('checkbox', { name: /查看用户/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: '全选 用户' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/users:read|See every user/);
  });

  it('selects and clears a whole group, and shows a partly selected group as mixed', () => {
    const { selected } = setup(['users:read']);
    const groupBox = screen.getByRole('checkbox', { name: 'Select all in Users' }) as HTMLInputElement;
    expect(groupBox.indeterminate).toBe(true);
    fireEvent.click(groupBox);
    expect(selected().sort()).toEqual(['users:read', 'users:write']);
    expect(groupBox.indeterminate).toBe(false);
    expect((groupBox as HTMLInputElement).checked).toBe(true);
    fireEvent.click(groupBox);
    expect(selected()).toEqual([]);
  });
});
