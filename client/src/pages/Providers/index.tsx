import { createMutation, createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { confirmAction } from '../../components/ConfirmDialog.tsx';
import { toast } from '../../components/Toasts.tsx';
import type { ModelFieldsFragment, ProviderFieldsFragment } from '../../gql/graphql.ts';
import { data, useI18n } from '../../i18n/index.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import {
  CreateModelMutation,
  CreateProviderMutation,
  DeleteModelMutation,
  DeleteProviderMutation,
  ProvidersPageQuery,
  TestProviderMutation,
  UpdateModelMutation,
  UpdateProviderMutation,
} from './documents.ts';
import type { ModelFormValues } from './ModelForm.tsx';
import type { ProviderFormValues } from './ProviderForm.tsx';
import { ProvidersView, type Editing, type TestState } from './Providers.tsx';

export default function ProvidersPage() {
  const { t, tj } = useI18n();
  const viewer = useViewer();
  const [query, refetch] = createQuery({ query: ProvidersPageQuery, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [createProviderState, createProvider] = createMutation(CreateProviderMutation);
  const [updateProviderState, updateProvider] = createMutation(UpdateProviderMutation);
  const [, deleteProvider] = createMutation(DeleteProviderMutation);
  const [, testProvider] = createMutation(TestProviderMutation);
  const [createModelState, createModel] = createMutation(CreateModelMutation);
  const [updateModelState, updateModel] = createMutation(UpdateModelMutation);
  const [, deleteModel] = createMutation(DeleteModelMutation);
  const [editingProvider, setEditingProvider] = createSignal<Editing<ProviderFieldsFragment>>(null);
  const [editingModel, setEditingModel] = createSignal<Editing<ModelFieldsFragment>>(null);
  const [formError, setFormError] = createSignal<CombinedError | null>(null);
  const [testing, setTesting] = createSignal<string | null>(null);
  const [test, setTest] = createSignal<TestState | null>(null);

  const saveProvider = async (v: ProviderFormValues) => {
    setFormError(null);
    const target = editingProvider();
    if (!target) return;
    const result =
      target === 'new'
        ? await createProvider({ input: { id: v.id, plugin: v.plugin, baseUrl: v.baseUrl, options: v.options, apiKey: v.apiKey, maxConcurrent: v.maxConcurrent, enabled: v.enabled } })
        : await updateProvider(
            { id: target.id, input: { plugin: v.plugin, baseUrl: v.baseUrl ?? '', options: v.options, apiKey: v.apiKey, clearApiKey: v.clearApiKey, maxConcurrent: v.maxConcurrent, enabled: v.enabled } },
          );
    if (result.error) return setFormError(result.error);
    setEditingProvider(null);
    toast(tj(target === 'new' ? 'providers.created' : 'providers.saved', { name: data(v.id) }));
    reload();
  };

  const saveModel = async (v: ModelFormValues) => {
    setFormError(null);
    const target = editingModel();
    if (!target) return;
    const result =
      target === 'new'
        ? await createModel({ input: { name: v.name, primary: v.primary, fallbacks: v.fallbacks, capabilities: v.capabilities } })
        : await updateModel({ name: target.name, input: { primary: v.primary, fallbacks: v.fallbacks, capabilities: v.capabilities } });
    if (result.error) return setFormError(result.error);
    setEditingModel(null);
    toast(tj(target === 'new' ? 'models.created' : 'models.saved', { name: data(v.name) }));
    reload();
  };

  const removeProvider = (p: ProviderFieldsFragment) =>
    confirmAction({
      title: tj('providers.deleteTitle', { name: data(p.id) }),
      body: t('providers.deleteBody'),
      confirmLabel: t('common.delete'),
      danger: true,
      errorContext: { CONFLICT: 'providers.error.inUse' },
      run: async () => {
        const result = await deleteProvider({ id: p.id });
        if (result.error) return result.error;
        toast(tj('providers.deleted', { name: data(p.id) }));
        reload();
      },
    });

  const removeModel = (m: ModelFieldsFragment) =>
    confirmAction({
      title: tj('models.deleteTitle', { name: data(m.name) }),
      body: t('models.deleteBody'),
      confirmLabel: t('common.delete'),
      danger: true,
      run: async () => {
        const result = await deleteModel({ name: m.name });
        if (result.error) return result.error;
        toast(tj('models.deleted', { name: data(m.name) }));
        reload();
      },
    });

  const runTest = async (p: ProviderFieldsFragment) => {
    setTesting(p.id);
    const result = await testProvider({ id: p.id });
    setTesting(null);
    setTest({ provider: p.id, result: result.data?.testProvider, error: result.error });
  };

  return (
    <ProvidersView
      readOnly={query.data?.providersSource === 'CONFIG'}
      plugins={query.data?.providerPlugins ?? []}
      providers={query.data?.providers}
      models={query.data?.models}
      error={query.error}
      onRetry={reload}
      canWrite={viewer.can('providers:write')}
      busy={createProviderState.fetching || updateProviderState.fetching || createModelState.fetching || updateModelState.fetching}
      formError={formError()}
      editingProvider={editingProvider()}
      onEditProvider={(p) => (setFormError(null), setEditingProvider(p))}
      onSaveProvider={saveProvider}
      onDeleteProvider={removeProvider}
      testing={testing()}
      test={test()}
      onTest={runTest}
      onCloseTest={() => setTest(null)}
      editingModel={editingModel()}
      onEditModel={(m) => (setFormError(null), setEditingModel(m))}
      onSaveModel={saveModel}
      onDeleteModel={removeModel}
    />
  );
}
