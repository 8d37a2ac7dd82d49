import { For, Show } from 'solid-js';
import type { DashboardBudgetAlertFragment } from '../../../gql/graphql.ts';
import { useI18n } from '../../../i18n/index.tsx';

export type BudgetAlertRow = DashboardBudgetAlertFragment;

const DELIVERY_TONE: Record<string, string> = { delivered: 'badge-success', pending: 'badge-warning', failed: 'badge-danger' };

/** The latest threshold alerts, newest first, with how each webhook delivery went. */
export function BudgetAlertList(props: { alerts: readonly BudgetAlertRow[]; total: number; caption: string }) {
  const { t, money, num, dateTime, relative } = useI18n();
  const target = (a: BudgetAlertRow) => (a.scope === 'ORGANISATION' ? t('budgets.organisation') : (a.target ?? t('budgets.deleted')));
  const delivery = (status: string) => (status in DELIVERY_TONE ? t(`budgets.delivery.${status}` as 'budgets.delivery.delivered') : status);
  return (
    <Show when={props.alerts.length} fallback={<p class="muted budget-alerts-empty">{t('budgets.alertsEmpty')}</p>}>
      <div class="table-wrap">
        <table class="table table-compact">
          <caption class="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budgets.col.threshold')}</th>
              <th scope="col">{t('budgets.col.budget')}</th>
              <th scope="col">{t('budgets.col.when')}</th>
              <th scope="col">{t('budgets.col.webhook')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.alerts}>
              {(a) => (
                <tr data-testid="budget-alert" data-threshold={a.threshold}>
                  <td>
                    <span class={`badge ${a.threshold >= 100 ? 'badge-danger' : 'badge-warning'}`}>{t('budgets.reached', { percent: a.threshold })}</span>
                  </td>
                  <th scope="row" class="row-head">
                    <span class="stacked">
                      <span>
                        <Show when={a.scope !== 'ORGANISATION'}>{t(`budgets.scope.${a.scope}`)} · </Show>
                        {target(a)}
                      </span>
                      <span class="sublabel">{t('budgets.spentOf', { spent: money(a.spent, a.currency), amount: money(a.amount, a.currency) })}</span>
                    </span>
                  </th>
                  <td class="nowrap">
                    <time datetime={a.at} title={dateTime(a.at)}>
                      {relative(a.at)}
                    </time>
                  </td>
                  <td>
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
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.total > props.alerts.length}>
        <p class="muted budget-alerts-total">{t('budgets.alertsTotal', { count: num(props.total) })}</p>
      </Show>
    </Show>
  );
}
