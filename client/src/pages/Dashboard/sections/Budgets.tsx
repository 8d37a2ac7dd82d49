import { createQuery, useClient } from '@urql/solid';
import { createEffect, createMemo, createSignal, on, onCleanup, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { subscribeLive, throttle } from '../../../lib/live.ts';
import type { DashboardSectionProps } from '../sections.tsx';
import { BudgetAlertList, type BudgetAlertRow } from './BudgetAlertList.tsx';
import { BudgetBars } from './BudgetBars.tsx';
import { DashboardBudgetAlertsSubscription, DashboardBudgetsQuery } from './documents.ts';

/** Alerts shown at once; the query asks for as many. */
const ALERTS_SHOWN = 6;

/** Newest first, each alert once: live ones may also be in the refetched page. */
export function mergeAlerts(live: readonly BudgetAlertRow[], loaded: readonly BudgetAlertRow[], limit = ALERTS_SHOWN): BudgetAlertRow[] {
  const seen = new Set<string>();
  return [...live, ...loaded]
    .filter((a) => !seen.has(a.id) && Boolean(seen.add(a.id)))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, limit);
}

export function Budgets(props: DashboardSectionProps) {
  const { t } = useI18n();
  const client = useClient();
  const [query, refetch] = createQuery({ query: DashboardBudgetsQuery, requestPolicy: 'cache-and-network' });
  const [live, setLive] = createSignal<readonly BudgetAlertRow[]>([]);
  const [liveError, setLiveError] = createSignal<CombinedError>();
  const refresh = throttle(() => refetch({ requestPolicy: 'network-only' }), 1000);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number) => timers.add(setTimeout(refresh, ms));
  onCleanup(() => {
    refresh.cancel();
    timers.forEach(clearTimeout);
  });
  // Spend moves with every settled chat; an alert means a bar crossed a mark.
  createEffect(on(() => props.data.live.counts().chats, refresh, { defer: true }));
  onCleanup(
    subscribeLive(
      client,
      DashboardBudgetAlertsSubscription,
      {},
      {
        onResult: (result) => {
          if (result.error) return void setLiveError(result.error);
          const alert = result.data?.budgetAlerts;
          if (!alert) return;
          setLive((list) => [alert, ...list.filter((a) => a.id !== alert.id)].slice(0, ALERTS_SHOWN));
          // Refetch once this delivery is done (not from inside urql's dispatch), and again a moment later:
          // the alert can reach us before a read on another connection sees the new budget.
          later(0);
          later(1500);
        },
      },
    ),
  );
  const loaded = () => query.data?.budgetAlerts.edges.map((e) => e.node) ?? [];
  const alerts = createMemo(() => mergeAlerts(live(), loaded()));
  const total = () => (query.data?.budgetAlerts.totalCount ?? 0) + live().filter((a) => !loaded().some((l) => l.id === a.id)).length;
  return (
    <>
      <Show when={query.error}>
        {(error) => <ErrorNotice error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      </Show>
      <Show when={query.data} fallback={<Show when={!query.error}><Loading /></Show>}>
        {(data) => (
          // Nothing yet: one invitation across the section rather than two half-empty columns.
          <Show when={data().budgets.length || alerts().length} fallback={<BudgetBars budgets={[]} />}>
            <div class="budget-panel">
              <div>
                <h3 class="subheading subheading-first">{t('budgets.thisMonth')}</h3>
                <BudgetBars budgets={data().budgets} />
              </div>
              <div>
                <h3 class="subheading subheading-first">
                  {t('budgets.latestAlerts')}
                  <Show when={liveError()}>
                    {(error) => (
                      <span class="badge badge-neutral" title={error().message}>
                        {t('dashboard.liveOff')}
                      </span>
                    )}
                  </Show>
                </h3>
                <BudgetAlertList alerts={alerts()} total={total()} caption={t('budgets.latestAlerts')} />
              </div>
            </div>
          </Show>
        )}
      </Show>
    </>
  );
}
