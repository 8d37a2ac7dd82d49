import { createQuery } from '@urql/solid';
import { Show } from 'solid-js';
import { Card } from '../../components/Card.tsx';
import { createServerPaging } from '../../components/DataTable/paging.ts';
import { SelectField } from '../../components/Field.tsx';
import { PageHeader } from '../../components/States.tsx';
import { UserCell } from '../../components/users/UserCell.tsx';
import { UserSelect } from '../../components/users/UserSelect.tsx';
import type { RequestOutcome } from '../../gql/graphql.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { instantRange } from '../../lib/dates.ts';
import { createUrlState } from '../../lib/url-state.ts';
import { useViewer } from '../../lib/viewer.tsx';
import { RequestLogOptionsQuery, RequestLogPageQuery } from './documents.ts';
import { REQUEST_OUTCOMES, RequestsTable } from './RequestsTable.tsx';
import { DateRangeFields } from '../../components/DateRangeFields.tsx';

/** `refused` in the address stands for every kind of refusal. */
const REFUSED: RequestOutcome[] = REQUEST_OUTCOMES.filter((o) => o.startsWith('REFUSED_'));

function outcomesOf(value: string): RequestOutcome[] | null {
  if (value === 'refused') return REFUSED;
  return (REQUEST_OUTCOMES as string[]).includes(value) ? [value as RequestOutcome] : null;
}

/** Every chat request, answered or refused, filtered by user, model, outcome and days (all kept in the address), paged by the server. */
export default function RequestsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [filters, setFilters] = createUrlState({ user: '', model: '', outcome: '', from: '', to: '' });
  const paging = createServerPaging();
  const rangeError = () => (filters().from && filters().to && filters().from > filters().to ? t('validation.dateRange') : undefined);
  const [options] = createQuery({ query: RequestLogOptionsQuery });
  const [query, refetch] = createQuery({
    query: RequestLogPageQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({
      filter: { userId: filters().user || null, model: filters().model || null, outcomes: outcomesOf(filters().outcome), ...instantRange(filters().from, filters().to) },
      first: paging.first(),
      after: paging.after(),
    }),
  });
  const set = (patch: Partial<ReturnType<typeof filters>>) => {
    paging.reset();
    setFilters(patch);
  };
  const outcomeOptions = () => [
    { value: '', label: t('requests.anyOutcome') },
    { value: 'refused', label: t('requests.anyRefusal') },
    ...REQUEST_OUTCOMES.map((o) => ({ value: o, label: t(`requests.outcome.${o}` as MessageKey) })),
  ];
  return (
    <section class="page">
      <PageHeader title={t('requests.title')} subtitle={t('requests.subtitle')} />
      <Card>
        <div class="card-pad filters">
          <div class="filters-row">
            <Show when={viewer.can('users:read')}>
              <UserSelect label={t('requests.col.user')} name="user" value={filters().user} onValue={(v) => set({ user: v })} anyLabel={t('usage.allUsers')} />
            </Show>
            <SelectField
              label={t('requests.col.model')}
              name="model"
              value={filters().model}
              onValue={(v) => set({ model: v })}
              options={[{ value: '', label: t('requests.anyModel') }, ...(options.data?.models ?? []).map((m) => ({ value: m.name, label: m.name }))]}
            />
            <SelectField label={t('requests.col.outcome')} name="outcome" value={filters().outcome} onValue={(v) => set({ outcome: v })} options={outcomeOptions()} />
            <DateRangeFields from={filters().from} to={filters().to} onFrom={(v) => set({ from: v })} onTo={(v) => set({ to: v })} error={rangeError()} refreshing={Boolean(query.fetching && query.data)} />
          </div>
        </div>
        <RequestsTable
          rows={query.data?.requestLog.edges.map((e) => e.node)}
          error={query.error}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
          paging={paging.props(query.data?.requestLog)}
          currency={options.data?.prices[0]?.currency}
          userLink={(user) => <UserCell user={user} />}
        />
      </Card>
    </section>
  );
}
