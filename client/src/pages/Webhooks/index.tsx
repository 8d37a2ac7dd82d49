import { createMutation, createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { confirmAction } from '../../components/ConfirmDialog.tsx';
import { createServerPaging } from '../../components/DataTable/paging.ts';
import { toast } from '../../components/Toasts.tsx';
import type { WebhookFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import { CreateWebhookMutation, DeleteWebhookMutation, TestWebhookMutation, UpdateWebhookMutation, WebhookDeliveriesQuery, WebhooksPageQuery } from './documents.ts';
import type { WebhookFormValues } from './WebhookForm.tsx';
import { WebhooksView } from './Webhooks.tsx';

/** Alert webhooks: list, create, edit, delete (asked first), send a test, and each one's delivery log. */
export default function WebhooksPage() {
  const { t, ms } = useI18n();
  const viewer = useViewer();
  const [query, refetch] = createQuery({ query: WebhooksPageQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [createState, create] = createMutation(CreateWebhookMutation);
  const [updateState, update] = createMutation(UpdateWebhookMutation);
  const [, remove] = createMutation(DeleteWebhookMutation);
  const [, test] = createMutation(TestWebhookMutation);
  const [editing, setEditing] = createSignal<WebhookFieldsFragment | 'new' | null>(null);
  const [saveError, setSaveError] = createSignal<CombinedError | null>(null);
  const [testing, setTesting] = createSignal<string | null>(null);
  const [logOf, setLogOf] = createSignal<WebhookFieldsFragment | null>(null);
  const paging = createServerPaging(10);
  const [log, refetchLog] = createQuery({
    query: WebhookDeliveriesQuery,
    pause: () => !logOf(),
    variables: () => ({ id: logOf()?.id ?? '', first: paging.first(), after: paging.after() }),
  });

  const save = async (v: WebhookFormValues) => {
    setSaveError(null);
    const target = editing();
    const input = { format: v.format, secretEnv: v.secretEnv, description: v.description, enabled: v.enabled, ...(v.url ? { url: v.url } : {}) };
    const result = target === 'new' ? await create({ input }) : await update({ id: (target as WebhookFieldsFragment).id, input });
    if (result.error) return setSaveError(result.error);
    toast(target === 'new' ? t('webhooks.created') : t('webhooks.saved'));
    setEditing(null);
    reload();
  };

  const runTest = async (w: WebhookFieldsFragment) => {
    setTesting(w.id);
    const result = await test({ id: w.id });
    setTesting(null);
    if (result.error) return toast(t('webhooks.testFailed', { error: String(result.error.graphQLErrors[0]?.extensions?.code ?? '') }), 'info');
    const r = result.data!.testWebhook;
    if (r.ok) toast(t('webhooks.testOk', { ms: ms(r.latencyMs) }));
    else toast(t('webhooks.testFailed', { error: r.error ?? '' }), 'info');
    reload();
    if (logOf()?.id === w.id) refetchLog({ requestPolicy: 'network-only' });
  };

  const del = (w: WebhookFieldsFragment) =>
    confirmAction({
      title: t('webhooks.deleteTitle'),
      body: t('webhooks.deleteBody', { url: w.url }),
      confirmLabel: t('common.delete'),
      danger: true,
      run: async () => {
        const result = await remove({ id: w.id });
        if (result.error) return result.error;
        toast(t('webhooks.deleted'));
        reload();
      },
    });

  return (
    <WebhooksView
      rows={query.data?.webhooks}
      error={query.error}
      onRetry={reload}
      canWrite={viewer.can('budgets:write')}
      editing={editing()}
      onEdit={(w) => (setSaveError(null), setEditing(w))}
      saveBusy={createState.fetching || updateState.fetching}
      saveError={saveError()}
      onSave={save}
      onDelete={del}
      testing={testing()}
      onTest={(w) => void runTest(w)}
      log={
        logOf()
          ? {
              webhook: logOf()!,
              rows: log.data?.webhook?.deliveries.edges.map((e) => e.node),
              error: log.error,
              paging: paging.props(log.data?.webhook?.deliveries),
            }
          : null
      }
      onLog={(w) => {
        paging.reset();
        setLogOf(w);
      }}
    />
  );
}
