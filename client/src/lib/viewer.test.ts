import { describe, expect, it } from 'vitest';
import { createViewer } from './viewer.tsx';

describe('viewer', () => {
  it('holds every permission of every role, as the gateway counts them', () => {
    const viewer = createViewer({
      id: 'u1',
      name: 'Wang',
      email: 'wang@example.cn',
      roles: [
        { id: 'r1', name: 'auditor', builtIn: false, permissions: ['audit:read', 'usage:read'] },
        { id: 'r2', name: 'member', builtIn: true, permissions: ['chat'] },
      ],
    });
    expect(viewer.can('audit:read')).toBe(true);
    expect(viewer.can('chat')).toBe(true);
    expect(viewer.can('users:write')).toBe(false);
    expect(viewer.canAny('users:read', 'usage:read')).toBe(true);
  });
});
