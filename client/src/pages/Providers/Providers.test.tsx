import { screen } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { ModelFieldsFragment, ProviderFieldsFragment } from '../../gql/graphql.ts';
import { renderWithI18n } from '../../test/render.tsx';
import { ProvidersView, type ProvidersViewProps } from './Providers.tsx';

const provider = (over: Partial<ProviderFieldsFragment> = {}): ProviderFieldsFragment =>
  ({ id: 'deepseek', plugin: 'openai-compatible', baseUrl: 'https://api.deepseek.com/v1', options: {}, apiKeySet: true, apiKeyLast4: 'x9Q2', apiKeyEnv: null, maxConcurrent: null, enabled: true, editable: true, available: true, loadError: null, ...over }) as ProviderFieldsFragment;

const model: ModelFieldsFragment = {
  name: 'assistant',
  editable: true,
  primary: { provider: 'deepseek', model: 'deepseek-chat', capabilities: null },
  fallbacks: [{ provider: 'mock', model: 'mock-small', capabilities: null }],
  capabilities: { vision: false, tools: true, json: true, embeddings: false },
  configuredCapabilities: { vision: false, tools: null, json: null, embeddings: null, contextWindow: null, maxOutputTokens: null },
} as ModelFieldsFragment;

function view(over: Partial<ProvidersViewProps>) {
  const props: ProvidersViewProps = {
    readOnly: false,
    plugins: [{ id: 'openai-compatible' }],
    providers: [provider(), provider({ id: 'off', enabled: false, available: false, apiKeySet: false, apiKeyLast4: null })],
    models: [model],
    error: undefined,
    onRetry: () => {},
    canWrite: true,
    busy: false,
    formError: null,
    editingProvider: null,
    onEditProvider: vi.fn(),
    onSaveProvider: vi.fn(),
    onDeleteProvider: vi.fn(),
    testing: null,
    test: null,
    onTest: vi.fn(),
    onCloseTest: () => {},
    editingModel: null,
    onEditModel: vi.fn(),
    onSaveModel: vi.fn(),
    onDeleteModel: vi.fn(),
    ...over,
  };
  renderWithI18n(() => <ProvidersView {...props} />, 'zh-CN');
}

describe('ProvidersView', () => {
  it('shows a key only as set with its last four characters, the status and the route', () => {
    view({});
    expect(screen.getAllByTestId('provider-key').map((e) => e.textContent)).toEqual(['已设置 ••••x9Q2', '无']);
    expect(screen.getByText('已停用')).toBeTruthy();
    expect(screen.getByTestId('add-provider')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '测试连接' })).toHaveLength(2);
    expect(screen.getByRole('button', { name: '编辑 assistant' })).toBeTruthy();
  });

  it('offers no action without providers:write', () => {
    view({ canWrite: false });
    expect(screen.queryByTestId('add-provider')).toBeNull();
    expect(screen.queryByTestId('add-model')).toBeNull();
    expect(screen.queryByRole('button', { name: '测试连接' })).toBeNull();
    expect(screen.queryByRole('button', { name: '编辑 assistant' })).toBeNull();
  });

  it('is read-only when the config file rules: testing stays, changing does not', () => {
    view({ readOnly: true });
    expect(screen.getByTestId('providers-read-only')).toBeTruthy();
    expect(screen.queryByTestId('add-provider')).toBeNull();
    expect(screen.queryByRole('button', { name: '删除 deepseek' })).toBeNull();
    expect(screen.getAllByRole('button', { name: '测试连接' })).toHaveLength(2);
  });
});
