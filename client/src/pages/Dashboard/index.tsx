import { createQuery } from '@urql/solid';
import { createMemo } from 'solid-js';
import { useI18n } from '../../i18n/index.tsx';
import { isoDay } from '../../lib/validate.ts';
import { chartSeries, daysBetween } from '../Usage/usage-data.ts';
import { DashboardView, type Totals } from './Dashboard.tsx';
import { DashboardQuery } from './documents.ts';
import { DASHBOARD_SECTIONS } from './sections.tsx';

const sum = (rows: readonly Totals[] | undefined): Totals | undefined =>
  rows?.reduce((s, r) => ({ inputTokens: s.inputTokens + r.inputTokens, outputTokens: s.outputTokens + r.outputTokens, requests: s.requests + r.requests }), {
    inputTokens: 0,
    outputTokens: 0,
    requests: 0,
  });

export default function DashboardPage() {
  const { t } = useI18n();
  const now = new Date();
  const today = isoDay(now);
  const monthStart = isoDay(new Date(now.getFullYear(), now.getMonth(), 1));
  const [query, refetch] = createQuery({ query: DashboardQuery, variables: { today, monthStart } });
  const trend = createMemo(() => {
    if (!query.data) return undefined;
    const days = daysBetween(monthStart, today);
    const rows = query.data.daily.map((r) => ({ ...r, model: null, userId: null, user: null, requests: 0 }));
    return { days, series: chartSeries(rows, days, 'totals', { input: t('usage.input'), output: t('usage.output'), unknownUser: '' }) };
  });
  return (
    <DashboardView
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      today={sum(query.data?.today)}
      month={sum(query.data?.month)}
      monthStart={monthStart}
      activeUsers={query.data?.activeUsers.totalCount}
      trend={trend()}
      sections={DASHBOARD_SECTIONS}
    />
  );
}
