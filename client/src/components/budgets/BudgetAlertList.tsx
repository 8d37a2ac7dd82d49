import { For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { DataTable, type Column } from '../DataTable/DataTable.tsx';
import type { ServerPaging } from '../DataTable/paging.ts';
import { hasMessage, useI18n } from '../../i18n/index.tsx';
import type { BudgetAlertRow } from './alerts.ts';
import { useBudgetTargetName } from './budget-names.ts';

export type { BudgetAlertRow } from './alerts.ts';

const DELIVERY_TONE: Record<string, string> = { delivered: 'badge-success', pending: 'badge-warning', failed: 'badge-danger' };

export interface BudgetAlertListProps {
  alerts: readonly BudgetAlertRow[] | undefined;
  caption: string;
  /** All alerts there are, when more than these few. */
  total?: number;
  error?: CombinedError;
  onRetry?: () => void;
  paging?: ServerPaging;
}

/** Threshold alerts, newest first, with how each webhook delivery went. */
export function BudgetAlertList(props: BudgetAlertListProps) {
  const { t, money, num, dateTime, relative } = useI18n();
  const target = useBudgetTargetName();
  const delivery = (status: string) => (hasMessage(`budgets.delivery.${status}`) ? t(`budgets.delivery.${status}` as 'budgets.delivery.delivered') : status);
  const columns = (): Column<BudgetAlertRow>[] => [
    {
      id: 'threshold',
      header: t('budgets.col.threshold'),
      cell: (a) => <span class={`badge ${a.threshold >= 100 ? 'badge-danger' : 'badge-warning'}`}>{t('budgets.reached', { percent: num(a.threshold) })}</span>,
    },
    {
      id: 'budget',
      header: t('budgets.col.budget'),
      rowHeader: true,
      cell: (a) => (
        <span class="stacked">
          <span>
            <Show when={a.scope !== 'ORGANISATION'}>{t(`budgets.scope.${a.scope}`)} · </Show>
            {target(a.scope, a.target)}
          </span>
          <span class="sublabel">{t('budgets.spentOf', { spent: money(a.spent, a.currency), amount: money(a.amount, a.currency) })}</span>
        </span>
      ),
    },
    {
      id: 'when',
      header: t('budgets.col.when'),
      class: 'nowrap',
      cell: (a) => (
        <time datetime={a.at} title={dateTime(a.at)}>
          {relative(a.at)}
        </time>
      ),
    },
    {
      id: 'webhook',
      header: t('budgets.col.webhook'),
      cell: (a) => (
        <Show when={a.deliveries.length} fallback={<span class="muted nowrap">{t('budgets.noWebhook')}</span>}>
          <span class="delivery-list">
            <For each={a.deliveries}>
              {(d) => (
                <span
                  class={`badge ${DELIVERY_TONE[d.status] ?? 'badge-neutral'}`}
                  data-delivery={d.status}
                  title={[d.url, d.lastError, t('budgets.attempts', { count: num(d.attempts) })].filter(Boolean).join(' · ')}
                >
                  {delivery(d.status)}
                </span>
              )}
            </For>
          </span>
        </Show>
      ),
    },
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns()}
      rows={props.alerts}
      error={props.error}
      onRetry={props.onRetry}
      compact
      rowTestId="budget-alert"
      rowProps={(a) => ({ 'data-threshold': String(a.threshold) })}
      paging={props.paging}
      empty={{ title: t('budgets.alertsEmpty'), icon: 'wallet' }}
      footer={props.total && props.alerts && props.total > props.alerts.length ? t('budgets.alertsTotal', { count: num(props.total) }) : undefined}
    />
  );
}
