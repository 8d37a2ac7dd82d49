import { createQuery, useClient } from '@urql/solid';
import { createMemo, onCleanup } from 'solid-js';
import { useI18n } from '../../i18n/index.tsx';
import { throttle } from '../../lib/live.ts';
import { useViewer } from '../../lib/viewer.tsx';
import { usageSeries } from '../../components/charts/usage-series.ts';
import { daysBetween, isoDay } from '../../lib/dates.ts';
import { DashboardView, type Totals } from './Dashboard.tsx';
import { DashboardQuery } from './documents.ts';
import { createLiveUsage } from './live-usage.ts';
import type { DashboardData } from './dashboard-data.ts';
import { DASHBOARD_SECTIONS } from './sections.tsx';
import { ProviderHealthQuery } from './sections/documents.ts';

/** Live events refetch the totals and provider health at most this often. */
const REFRESH_MS = 1000;

const sum = (rows: readonly Totals[] | undefined): Totals | undefined =>
  rows?.reduce((s, r) => ({ inputTokens: s.inputTokens + r.inputTokens, outputTokens: s.outputTokens + r.outputTokens, requests: s.requests + r.requests }), {
    inputTokens: 0,
    outputTokens: 0,
    requests: 0,
  });

export default function DashboardPage() {
  const { t } = useI18n();
  const client = useClient();
  const now = new Date();
  const today = isoDay(now);
  const monthStart = isoDay(new Date(now.getFullYear(), now.getMonth(), 1));
  const viewer = useViewer();
  const withUsers = viewer.can('users:read');
  const withProviders = viewer.can('providers:read');
  // Today's requests and errors (refusals included) over the browser's day, as the usage totals are.
  const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
  const dayEnd = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString();
  const [query, refetch] = createQuery({ query: DashboardQuery, variables: { today, monthStart, withUsers, dayStart, dayEnd } });
  const [providers, refetchProviders] = createQuery({ query: ProviderHealthQuery, pause: !withProviders });

  // Each settled chat changes the totals and the providers' figures; a burst of chats costs one refetch a second.
  const refresh = throttle(() => {
    refetch({ requestPolicy: 'network-only' });
    if (withProviders) refetchProviders({ requestPolicy: 'network-only' });
  }, REFRESH_MS);
  onCleanup(refresh.cancel);
  const live = createLiveUsage(client, refresh);

  const trend = createMemo(() => {
    if (!query.data) return undefined;
    const days = daysBetween(monthStart, today);
    return { days, series: usageSeries(query.data.daily, days, 'totals', { input: t('usage.input'), output: t('usage.output'), unknownUser: '', other: t('chart.other') }) };
  });
  const providerHealth = createMemo(() => {
    if (!withProviders) return null;
    const list = providers.data?.providers;
    return list && { healthy: list.filter((p) => p.available && p.circuit === 'CLOSED').length, total: list.length };
  });
  const data: DashboardData = {
    providers: {
      get rows() {
        return providers.data?.providers;
      },
      get error() {
        return providers.error;
      },
      onRetry: () => refetchProviders({ requestPolicy: 'network-only' }),
    },
    live,
  };
  return (
    <DashboardView
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      today={sum(query.data?.today)}
      month={sum(query.data?.month)}
      monthStart={monthStart}
      activeUsers={withUsers ? query.data?.activeUsers?.totalCount : null}
      trend={trend()}
      live={live.counts()}
      requestStats={query.data?.requestStats}
      providerHealth={providerHealth()}
      sections={DASHBOARD_SECTIONS}
      data={data}
    />
  );
}
