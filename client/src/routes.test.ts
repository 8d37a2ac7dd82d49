import { describe, expect, it } from 'vitest';
import { testViewer } from './test/render.tsx';
import { homePath, navGroups } from './routes.ts';

const paths = (permissions: Parameters<typeof testViewer>[0]) => navGroups(testViewer(permissions)).flatMap((g) => g.items.map((i) => i.to));

describe('routes by permission', () => {
  it('gives a member the playground and their own account, and lands them on the account', () => {
    expect(paths(['chat'])).toEqual(['/playground', '/account']);
    expect(homePath(testViewer(['chat']))).toBe('/account');
  });

  it('gives a read-only auditor the audit trail, usage, users and roles', () => {
    expect(paths(['audit:read', 'usage:read', 'users:read'])).toEqual(['/', '/usage', '/users', '/roles', '/audit', '/account']);
    expect(homePath(testViewer(['audit:read', 'usage:read', 'users:read']))).toBe('/');
  });

  it('shows the providers page with providers:read only', () => {
    expect(paths(['chat', 'providers:read'])).toEqual(['/providers', '/playground', '/account']);
  });

  it('gives an admin every page, in sections', () => {
    const groups = navGroups(testViewer());
    expect(groups.map((g) => g.label)).toEqual(['nav.section.overview', 'nav.section.access', 'nav.section.spend', 'nav.section.protection', 'nav.section.tools', 'nav.section.personal']);
    expect(groups.flatMap((g) => g.items)).toHaveLength(13);
    expect(groups.find((g) => g.label === 'nav.section.tools')?.items.map((i) => i.to)).toEqual(['/providers', '/playground']);
  });
});
