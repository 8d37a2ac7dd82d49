import { createQuery, useClient } from '@urql/solid';
import { createEffect, createMemo, createSignal, on, onCleanup, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/States.tsx';
import { mergeAlerts, type BudgetAlertRow } from '../../../components/budgets/alerts.ts';
import { BudgetAlertList } from '../../../components/budgets/BudgetAlertList.tsx';
import { BudgetBars } from '../../../components/budgets/BudgetBars.tsx';
import { BudgetAlertsLiveSubscription } from '../../../components/budgets/documents.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { subscribeLive, throttle } from '../../../lib/live.ts';
import { liveToken } from '../../../lib/session.ts';
import type { DashboardSectionProps } from '../dashboard-data.ts';
import { DashboardBudgetsQuery } from './documents.ts';

/** Alerts shown at once; the query asks for as many. */
const ALERTS_SHOWN = 6;

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
  // Live alerts for as long as the session's token lasts; after signing in again they start over.
  createEffect(
    on(liveToken, (current) => {
      if (!current) return;
      setLiveError(undefined);
      onCleanup(
        subscribeLive(
          client,
          BudgetAlertsLiveSubscription,
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
    }),
  );
  const loaded = () => query.data?.budgetAlerts.edges.map((e) => e.node) ?? [];
  const alerts = createMemo(() => mergeAlerts(live(), loaded(), ALERTS_SHOWN));
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
                      <span class="badge badge-neutral" data-code={String(error().graphQLErrors[0]?.extensions?.code ?? "NETWORK_ERROR")}>
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
