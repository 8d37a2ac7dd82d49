import { For, Show, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { actionsColumn, EditDeleteButtons } from '../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PageHeader } from '../../components/States.tsx';
import type { ModelFieldsFragment, ProviderFieldsFragment, TestProviderMutation } from '../../gql/graphql.ts';
import { data, useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ModelForm, type ModelFormValues } from './ModelForm.tsx';
import { keyLabel, modelCan, providerStatus } from './provider-rows.ts';
import { ProviderForm, type ProviderFormValues } from './ProviderForm.tsx';
import './Providers.css';

export type Editing<T> = T | 'new' | null;
export type TestState = { provider: string; result?: TestProviderMutation['testProvider']; error?: CombinedError };

export interface ProvidersViewProps {
  readOnly: boolean;
  plugins: readonly { id: string }[];
  providers: readonly ProviderFieldsFragment[] | undefined;
  models: readonly ModelFieldsFragment[] | undefined;
  error: CombinedError | undefined;
  onRetry: () => void;
  canWrite: boolean;
  busy: boolean;
  formError: CombinedError | null;
  editingProvider: Editing<ProviderFieldsFragment>;
  onEditProvider: (p: Editing<ProviderFieldsFragment>) => void;
  onSaveProvider: (values: ProviderFormValues) => void;
  onDeleteProvider: (p: ProviderFieldsFragment) => void;
  testing: string | null;
  test: TestState | null;
  onTest: (p: ProviderFieldsFragment) => void;
  onCloseTest: () => void;
  editingModel: Editing<ModelFieldsFragment>;
  onEditModel: (m: Editing<ModelFieldsFragment>) => void;
  onSaveModel: (values: ModelFormValues) => void;
  onDeleteModel: (m: ModelFieldsFragment) => void;
}

const STATUS_TONE = { ok: 'badge-success', disabled: 'badge-neutral', failed: 'badge-danger' } as const;

function Target(props: { provider: string; model: string }) {
  return (
    <span class="route-chip" translate="no">
      {props.provider} · <code>{props.model}</code>
    </span>
  );
}

/** Provider instances, and the models routed over them. */
export function ProvidersView(props: ProvidersViewProps) {
  const { t, tj, ms, num } = useI18n();
  const write = () => props.canWrite && !props.readOnly;
  const providerColumns = (): Column<ProviderFieldsFragment>[] => [
    { id: 'id', header: t('providers.col.id'), rowHeader: true, sortValue: (p) => p.id, cell: (p) => <code>{p.id}</code> },
    { id: 'plugin', header: t('providers.col.plugin'), sortValue: (p) => p.plugin, cell: (p) => <code>{p.plugin}</code> },
    { id: 'baseUrl', header: t('providers.col.baseUrl'), class: 'cell-url', cell: (p) => (p.baseUrl ? <code class="url">{p.baseUrl}</code> : <span class="muted">—</span>) },
    {
      id: 'key',
      header: t('providers.col.key'),
      cell: (p) => (
        <span data-testid="provider-key">
          {p.apiKeySet && p.apiKeyLast4 ? tj('providers.keySet', { last4: <span translate="no">{p.apiKeyLast4}</span> }) : keyLabel(t, p)}
          <Show when={p.apiKeyEnv}>
            {(env) => (
              <span class="sublabel">
                {' '}
                {tj('providers.keyFromEnv', { env: <code>{env()}</code> })}
              </span>
            )}
          </Show>
        </span>
      ),
    },
    {
      id: 'status',
      header: t('providers.col.status'),
      sortValue: (p) => providerStatus(p),
      cell: (p) => (
        <span class={`badge ${STATUS_TONE[providerStatus(p)]}`} title={p.loadError ?? undefined}>
          {t(`providers.status.${providerStatus(p)}` as MessageKey)}
        </span>
      ),
    },
    ...actionsColumn<ProviderFieldsFragment>(props.canWrite, t('common.actions'), (p) => (
      <span class="row-buttons">
        <button type="button" class="btn btn-secondary btn-sm" data-testid="test-provider" disabled={props.testing === p.id} onClick={() => props.onTest(p)}>
          <Icon name="activity" size={14} />
          {props.testing === p.id ? t('providers.testing') : t('providers.test')}
        </button>
        <Show when={write()}>
          <EditDeleteButtons name={p.id} onEdit={() => props.onEditProvider(p)} onDelete={() => props.onDeleteProvider(p)} />
        </Show>
      </span>
    )),
  ];
  const modelColumns = (): Column<ModelFieldsFragment>[] => [
    { id: 'name', header: t('models.col.name'), rowHeader: true, sortValue: (m) => m.name, cell: (m) => <code>{m.name}</code> },
    { id: 'primary', header: t('models.col.primary'), cell: (m) => <Target {...m.primary} /> },
    {
      id: 'fallbacks',
      header: t('models.col.fallbacks'),
      cell: (m) => (
        <Show when={m.fallbacks.length} fallback={<span class="muted">{t('models.noFallbacks')}</span>}>
          <span class="route-list">
            <For each={m.fallbacks}>{(f) => <Target {...f} />}</For>
          </span>
        </Show>
      ),
    },
    {
      id: 'can',
      header: t('models.col.capabilities'),
      cell: (m) => (
        <Show when={modelCan(m).length} fallback={<span class="muted">{t('models.textOnly')}</span>}>
          <span class="route-list">
            <For each={modelCan(m)}>{(c) => <span class="badge badge-info">{t(`models.cap.${c}` as MessageKey)}</span>}</For>
          </span>
        </Show>
      ),
    },
    ...actionsColumn<ModelFieldsFragment>(write(), t('common.actions'), (m) => <EditDeleteButtons name={m.name} onEdit={() => props.onEditModel(m)} onDelete={() => props.onDeleteModel(m)} />),
  ];
  const addButton = (label: string, onClick: () => void, testId: string): JSX.Element => (
    <Show when={write()}>
      <button type="button" class="btn btn-primary btn-sm" data-testid={testId} onClick={onClick}>
        <Icon name="plus" size={16} />
        {label}
      </button>
    </Show>
  );
  return (
    <section class="page">
      <PageHeader title={t('providers.title')} subtitle={t('providers.subtitle')} />
      <Show when={props.readOnly}>
        <div class="notice notice-info" role="status" data-testid="providers-read-only">
          <Icon name="lock" size={16} />
          <span>{tj('providers.readOnly', { setting: <code>ZERO_PROVIDERS_FROM=config</code> })}</span>
        </div>
      </Show>
      <Card title={t('providers.listTitle')} subtitle={t('providers.listSubtitle')} actions={addButton(t('providers.add'), () => props.onEditProvider('new'), 'add-provider')}>
        <DataTable
          caption={t('providers.listTitle')}
          columns={providerColumns()}
          rows={props.providers}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="provider-row"
          rowProps={(p) => ({ 'data-provider': p.id })}
          urlKey="p"
          empty={{ title: t('providers.empty'), icon: 'server' }}
        />
      </Card>
      <Card title={t('models.listTitle')} subtitle={t('models.listSubtitle')} actions={addButton(t('models.add'), () => props.onEditModel('new'), 'add-model')}>
        <DataTable
          caption={t('models.listTitle')}
          columns={modelColumns()}
          rows={props.models}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="model-row"
          rowProps={(m) => ({ 'data-model': m.name })}
          urlKey="m"
          empty={{ title: t('models.empty'), icon: 'shuffle' }}
        />
      </Card>
      <Show when={props.editingProvider} keyed>
        {(p) => (
          <Dialog title={p === 'new' ? t('providers.addTitle') : tj('providers.editTitle', { name: data(p.id) })} onClose={() => props.onEditProvider(null)}>
            <ProviderForm provider={p === 'new' ? null : p} plugins={props.plugins} busy={props.busy} error={props.formError} onSubmit={props.onSaveProvider} onCancel={() => props.onEditProvider(null)} />
          </Dialog>
        )}
      </Show>
      <Show when={props.editingModel} keyed>
        {(m) => (
          <Dialog title={m === 'new' ? t('models.addTitle') : tj('models.editTitle', { name: data(m.name) })} size="lg" onClose={() => props.onEditModel(null)}>
            <Show when={props.providers?.length} fallback={<p class="muted">{t('models.needProvider')}</p>}>
              <ModelForm
                model={m === 'new' ? null : m}
                providers={(props.providers ?? []).map((p) => p.id)}
                busy={props.busy}
                error={props.formError}
                onSubmit={props.onSaveModel}
                onCancel={() => props.onEditModel(null)}
              />
            </Show>
          </Dialog>
        )}
      </Show>
      <Show when={props.test} keyed>
        {(test) => (
          <Dialog title={tj('providers.testTitle', { name: data(test.provider) })} size="sm" onClose={props.onCloseTest}>
            <div data-testid="provider-test" data-ok={test.result?.ok ? 'true' : 'false'}>
              <Show when={test.result?.ok} fallback={<p>{t('providers.testFailed')} <code>{test.result?.error ?? test.error?.message}</code></p>}>
                <Show when={test.result!.models.length} fallback={<p>{t('providers.testNoModels', { ms: ms(test.result!.latencyMs) })}</p>}>
                  <p>{t('providers.testOk', { ms: ms(test.result!.latencyMs), count: num(test.result!.models.length) })}</p>
                  <ul class="model-list" translate="no">
                    <For each={test.result!.models}>{(id) => <li><code>{id}</code></li>}</For>
                  </ul>
                </Show>
              </Show>
            </div>
          </Dialog>
        )}
      </Show>
    </section>
  );
}
