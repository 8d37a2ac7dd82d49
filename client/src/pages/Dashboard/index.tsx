import { createQuery, useClient } from '@urql/solid';
import { createMemo, onCleanup } from 'solid-js';
import { useI18n } from '../../i18n/index.tsx';
import { throttle } from '../../lib/live.ts';
import { isoDay } from '../../lib/validate.ts';
import { chartSeries, daysBetween } from '../Usage/usage-data.ts';
import { DashboardView, type Totals } from './Dashboard.tsx';
import { DashboardQuery } from './documents.ts';
import { createLiveUsage } from './live-usage.ts';
import { DASHBOARD_SECTIONS, type DashboardData } from './sections.tsx';
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
  const [query, refetch] = createQuery({ query: DashboardQuery, variables: { today, monthStart } });
  const [providers, refetchProviders] = createQuery({ query: ProviderHealthQuery });

  // Each settled chat changes the totals and the providers' figures; a burst of chats costs one refetch a second.
  const refresh = throttle(() => {
    refetch({ requestPolicy: 'network-only' });
    refetchProviders({ requestPolicy: 'network-only' });
  }, REFRESH_MS);
  onCleanup(refresh.cancel);
  const live = createLiveUsage(client, refresh);

  const trend = createMemo(() => {
    if (!query.data) return undefined;
    const days = daysBetween(monthStart, today);
    const rows = query.data.daily.map((r) => ({ ...r, model: null, userId: null, user: null, requests: 0 }));
    return { days, series: chartSeries(rows, days, 'totals', { input: t('usage.input'), output: t('usage.output'), unknownUser: '' }) };
  });
  const providerHealth = createMemo(() => {
    const list = providers.data?.providers;
    return list && { healthy: list.filter((p) => p.available && p.circuit === 'CLOSED').length, total: list.length };
  });
  const data: DashboardData = {
    providers: {
      get rows() {
        return providers.data?.providers;
      },
      get error() {
        return providers.data ? undefined : providers.error;
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
      activeUsers={query.data?.activeUsers.totalCount}
      trend={trend()}
      live={live.counts()}
      providerHealth={providerHealth()}
      sections={DASHBOARD_SECTIONS}
      data={data}
    />
  );
}
