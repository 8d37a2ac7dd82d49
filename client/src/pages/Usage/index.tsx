import { createQuery } from '@urql/solid';
import { createMemo } from 'solid-js';
import { usageSeries, type UsageSplit } from '../../components/charts/usage-series.ts';
import type { UsageGroupBy } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { addDays, daysBetween, isoDay } from '../../lib/dates.ts';
import { createUrlState } from '../../lib/url-state.ts';
import { useViewer } from '../../lib/viewer.tsx';
import { UsagePageQuery } from './documents.ts';
import { UsageView } from './Usage.tsx';
import { byModelRows, byUserRows } from './usage-data.ts';

const GROUPS: Record<UsageSplit, UsageGroupBy[]> = { totals: ['DAY'], model: ['DAY', 'MODEL'], user: ['DAY', 'USER'] };
const SPLITS: readonly UsageSplit[] = ['totals', 'model', 'user'];

export default function UsagePage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const today = isoDay(new Date());
  const [filters, setFilters] = createUrlState({ from: addDays(today, -29), to: today, user: '', model: '', split: 'totals' });
  const split = (): UsageSplit => (SPLITS.includes(filters().split as UsageSplit) ? (filters().split as UsageSplit) : 'totals');
  const rangeError = () => (filters().from > filters().to ? t('validation.dateRange') : undefined);

  const [query, refetch] = createQuery({
    query: UsagePageQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({
      filter: { from: filters().from, to: filters().to, userId: filters().user || null, model: filters().model || null },
      groupBy: GROUPS[split()],
    }),
  });

  const days = createMemo(() => (rangeError() ? [] : daysBetween(filters().from, filters().to)));
  const series = createMemo(() =>
    query.data
      ? usageSeries(query.data.series, days(), split(), { input: t('usage.input'), output: t('usage.output'), unknownUser: t('usage.unknownUser'), other: t('chart.other') })
      : undefined,
  );
  const totals = createMemo(() =>
    query.data?.byModel.reduce(
      (s, r) => ({ inputTokens: s.inputTokens + r.inputTokens, outputTokens: s.outputTokens + r.outputTokens, requests: s.requests + r.requests }),
      { inputTokens: 0, outputTokens: 0, requests: 0 },
    ),
  );
  const models = createMemo<string[]>((previous) => {
    const seen = new Set(previous);
    for (const r of query.data?.byModel ?? []) if (r.model) seen.add(r.model);
    return [...seen].sort();
  }, []);

  return (
    <UsageView
      from={filters().from}
      to={filters().to}
      rangeError={rangeError()}
      onRange={(from, to) => setFilters({ from, to })}
      onPreset={(n) => setFilters({ to: today, from: addDays(today, -(n - 1)) })}
      userId={filters().user}
      canPickUser={viewer.can('users:read')}
      onUser={(user) => setFilters({ user })}
      model={filters().model}
      models={models()}
      onModel={(model) => setFilters({ model })}
      split={split()}
      onSplit={(s) => setFilters({ split: s })}
      loading={query.fetching}
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      days={days()}
      series={series()}
      totals={totals()}
      byUser={query.data ? byUserRows(query.data.byUser, t('usage.unknownUser')) : undefined}
      byModel={query.data ? byModelRows(query.data.byModel) : undefined}
    />
  );
}
