import { createQuery } from '@urql/solid';
import { createMemo, createSignal } from 'solid-js';
import type { UsageGroupBy } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { addDays, isoDay } from '../../lib/validate.ts';
import { UsagePageQuery, UserPickerQuery } from './documents.ts';
import { UsageView } from './Usage.tsx';
import { byModelRows, byUserRows, chartSeries, daysBetween, type Split } from './usage-data.ts';

const GROUPS: Record<Split, UsageGroupBy[]> = { totals: ['DAY'], model: ['DAY', 'MODEL'], user: ['DAY', 'USER'] };

export default function UsagePage() {
  const { t } = useI18n();
  const today = isoDay(new Date());
  const [from, setFrom] = createSignal(addDays(today, -29));
  const [to, setTo] = createSignal(today);
  const [userId, setUserId] = createSignal('');
  const [model, setModel] = createSignal('');
  const [split, setSplit] = createSignal<Split>('totals');
  const rangeError = () => (from() > to() ? t('validation.dateRange') : undefined);

  const [query, refetch] = createQuery({
    query: UsagePageQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({
      filter: { from: from(), to: to(), userId: userId() || null, model: model() || null },
      groupBy: GROUPS[split()],
    }),
  });
  const [users] = createQuery({ query: UserPickerQuery });

  const days = createMemo(() => (rangeError() ? [] : daysBetween(from(), to())));
  const series = createMemo(() =>
    query.data
      ? chartSeries(query.data.series, days(), split(), { input: t('usage.input'), output: t('usage.output'), unknownUser: t('usage.unknownUser') })
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
      from={from()}
      to={to()}
      rangeError={rangeError()}
      onRange={(f, tt) => {
        setFrom(f);
        setTo(tt);
      }}
      onPreset={(n) => {
        setTo(today);
        setFrom(addDays(today, -(n - 1)));
      }}
      userId={userId()}
      users={users.data?.users.edges.map((e) => e.node) ?? []}
      onUser={setUserId}
      model={model()}
      models={models()}
      onModel={setModel}
      split={split()}
      onSplit={setSplit}
      loading={query.fetching}
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      days={days()}
      series={series()}
      totals={totals()}
      byUser={query.data ? byUserRows(query.data.byUser, t('usage.unknownUser')) : []}
      byModel={query.data ? byModelRows(query.data.byModel) : []}
    />
  );
}
