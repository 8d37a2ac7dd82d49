import { screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import type { ApiKeyFieldsFragment } from '../../gql/graphql.ts';
import { renderWithI18n } from '../../test/render.tsx';
import { ApiKeysPanel, type ApiKeysPanelProps } from './ApiKeysPanel.tsx';

const key = (over: Partial<ApiKeyFieldsFragment>): ApiKeyFieldsFragment => ({
  id: 'k1',
  name: 'laptop',
  prefix: 'zgk_1a2b3c4d',
  active: true,
  createdAt: '2026-11-01T08:00:00Z',
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
  ...over,
});

function view(over: Partial<ApiKeysPanelProps> = {}, locale: 'en' | 'zh-CN' = 'en') {
  const props: ApiKeysPanelProps = {
    keys: [key({}), key({ id: 'k2', name: 'ci', revokedAt: '2026-11-02T00:00:00Z', active: false })],
    hint: 'Keys',
    canManage: true,
    creating: false,
    onCreateOpen: () => {},
    onCreateClose: () => {},
    createBusy: false,
    createError: null,
    onCreate: () => {},
    onRevoke: () => {},
    ...over,
  };
  return renderWithI18n(() => <ApiKeysPanel {...props} />, locale);
}

describe('ApiKeysPanel', () => {
  it('says a key without an end never expires, and one never used is not used yet', () => {
    view({}, 'zh-CN');
    const row = screen.getAllByTestId('api-key-row').find((r) => r.textContent!.includes('laptop'))!;
    expect(row.textContent).toContain('永不过期');
    expect(row.textContent).toContain('尚未使用');
    expect(row.textContent).not.toContain('从未');
  });

  it('offers create and revoke (not on a revoked key) only to who may manage the keys', () => {
    view();
    expect(screen.getByRole('button', { name: 'Create key' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Revoke/ })).toHaveLength(1);
    view({ canManage: false });
    expect(screen.getAllByRole('button', { name: 'Create key' })).toHaveLength(1);
  });
});
