import { Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { actionsColumn, EditDeleteButtons } from '../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import type { ServerPaging } from '../../components/DataTable/paging.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PageHeader } from '../../components/States.tsx';
import type { WebhookFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { WebhookForm, type WebhookFormValues } from './WebhookForm.tsx';

export interface DeliveryRow {
  id: string;
  at: string;
  kind: string;
  ok: boolean;
  attempt: number;
  error?: string | null;
  latencyMs: number;
}

export interface WebhooksViewProps {
  rows: readonly WebhookFieldsFragment[] | undefined;
  error: CombinedError | undefined;
  onRetry: () => void;
  canWrite: boolean;
  editing: WebhookFieldsFragment | 'new' | null;
  onEdit: (w: WebhookFieldsFragment | 'new' | null) => void;
  saveBusy: boolean;
  saveError: CombinedError | null;
  onSave: (values: WebhookFormValues) => void;
  onDelete: (w: WebhookFieldsFragment) => void;
  testing: string | null;
  onTest: (w: WebhookFieldsFragment) => void;
  /** The webhook whose delivery log is open, and its page. */
  log: { webhook: WebhookFieldsFragment; rows: readonly DeliveryRow[] | undefined; error?: CombinedError; paging: ServerPaging } | null;
  onLog: (w: WebhookFieldsFragment | null) => void;
}

/** Where budget alerts go: each webhook with its last delivery, a test button and its delivery log. */
export function WebhooksView(props: WebhooksViewProps) {
  const { t, dateTime, ms, num } = useI18n();
  const formatName = (w: WebhookFieldsFragment) => t(`webhooks.format.${w.format}`);
  const last = (w: WebhookFieldsFragment) => w.deliveries.edges[0]?.node;
  const columns = (): Column<WebhookFieldsFragment>[] => [
    {
      id: 'url',
      header: t('webhooks.url'),
      rowHeader: true,
      cell: (w) => (
        <span class="stacked">
          <code translate="no" class="break-all">
            {w.url}
            {w.hasQuery ? '?…' : ''}
          </code>
          <Show when={w.description}>
            <span class="sublabel" translate="no">
              {w.description}
            </span>
          </Show>
        </span>
      ),
    },
    { id: 'format', header: t('webhooks.format'), cell: (w) => formatName(w) },
    {
      id: 'secret',
      header: t('webhooks.signing'),
      cell: (w) =>
        w.format !== 'JSON' ? (
          <span class="muted">—</span>
        ) : w.secretEnv ? (
          <span class={`badge ${w.secretSet ? 'badge-success' : 'badge-warning'}`}>{w.secretSet ? t('webhooks.secretSet') : t('webhooks.secretMissing')}</span>
        ) : (
          <span class="muted">{t('webhooks.unsigned')}</span>
        ),
    },
    {
      id: 'status',
      header: t('webhooks.status'),
      cell: (w) => <span class={`badge ${w.enabled ? 'badge-success' : 'badge-neutral'}`}>{w.enabled ? t('webhooks.on') : t('webhooks.off')}</span>,
    },
    {
      id: 'last',
      header: t('webhooks.lastDelivery'),
      cell: (w) => (
        <Show when={last(w)} fallback={<span class="muted">{t('webhooks.never')}</span>}>
          {(d) => (
            <span class="nowrap">
              <span class={`badge ${d().ok ? 'badge-success' : 'badge-danger'}`}>{d().ok ? t('webhooks.ok') : t('webhooks.failed')}</span> {dateTime(d().at, true)}
            </span>
          )}
        </Show>
      ),
    },
    {
      id: 'log',
      header: t('webhooks.log'),
      hideHeader: true,
      cell: (w) => (
        <span class="row-buttons">
          <button type="button" class="btn btn-secondary btn-sm" data-testid="webhook-log" onClick={() => props.onLog(w)}>
            <Icon name="activity" size={14} />
            {t('webhooks.logCount', { count: num(w.deliveries.totalCount) })}
          </button>
          <Show when={props.canWrite}>
            <button type="button" class="btn btn-secondary btn-sm" data-testid="webhook-test" disabled={props.testing === w.id} onClick={() => props.onTest(w)}>
              <Icon name="send" size={14} />
              {props.testing === w.id ? t('webhooks.testing') : t('webhooks.test')}
            </button>
          </Show>
        </span>
      ),
    },
    ...actionsColumn<WebhookFieldsFragment>(props.canWrite, t('common.actions'), (w) => (
      <EditDeleteButtons name={w.url} onEdit={() => props.onEdit(w)} onDelete={() => props.onDelete(w)} />
    )),
  ];
  const logColumns = (): Column<DeliveryRow>[] => [
    { id: 'at', header: t('webhooks.col.at'), class: 'nowrap', cell: (d) => dateTime(d.at, true) },
    { id: 'kind', header: t('webhooks.col.kind'), cell: (d) => (d.kind === 'test' ? t('webhooks.kind.test') : t('webhooks.kind.alert')) },
    { id: 'ok', header: t('webhooks.col.result'), cell: (d) => <span class={`badge ${d.ok ? 'badge-success' : 'badge-danger'}`}>{d.ok ? t('webhooks.ok') : t('webhooks.failed')}</span> },
    { id: 'attempt', header: t('webhooks.col.attempt'), numeric: true, cell: (d) => num(d.attempt) },
    { id: 'latency', header: t('webhooks.col.latency'), numeric: true, cell: (d) => ms(d.latencyMs) },
    { id: 'error', header: t('webhooks.col.error'), cell: (d) => (d.error ? <code translate="no">{d.error}</code> : <span class="muted">—</span>) },
  ];
  return (
    <section class="page">
      <PageHeader
        title={t('webhooks.title')}
        subtitle={t('webhooks.subtitle')}
        actions={
          <Show when={props.canWrite}>
            <button type="button" class="btn btn-primary" onClick={() => props.onEdit('new')}>
              <Icon name="plus" size={16} />
              {t('webhooks.add')}
            </button>
          </Show>
        }
      />
      <Card>
        <DataTable
          caption={t('webhooks.title')}
          columns={columns()}
          rows={props.rows}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="webhook-row"
          rowProps={(w) => ({ 'data-webhook': w.url })}
          empty={{ title: t('webhooks.empty'), hint: props.canWrite ? t('webhooks.emptyHint') : undefined, icon: 'send' }}
        />
      </Card>
      <Show when={props.editing}>
        {(editing) => {
          const hook = editing() === 'new' ? undefined : (editing() as WebhookFieldsFragment);
          return (
            <Dialog title={hook ? t('webhooks.editTitle') : t('webhooks.createTitle')} size="md" onClose={() => props.onEdit(null)}>
              <WebhookForm initial={hook} busy={props.saveBusy} error={props.saveError} onSubmit={props.onSave} onCancel={() => props.onEdit(null)} />
            </Dialog>
          );
        }}
      </Show>
      <Show when={props.log}>
        {(log) => (
          <Dialog title={t('webhooks.logTitle')} description={<code translate="no">{log().webhook.url}</code>} size="lg" onClose={() => props.onLog(null)}>
            <DataTable
              caption={t('webhooks.logTitle')}
              columns={logColumns()}
              rows={log().rows}
              error={log().error}
              compact
              rowTestId="webhook-delivery"
              paging={log().paging}
              empty={{ title: t('webhooks.logEmpty'), icon: 'send' }}
            />
          </Dialog>
        )}
      </Show>
    </section>
  );
}
