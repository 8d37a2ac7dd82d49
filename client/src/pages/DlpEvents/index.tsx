import { createQuery } from '@urql/solid';
import { Show } from 'solid-js';
import { Card } from '../../components/Card.tsx';
import { createServerPaging } from '../../components/DataTable/paging.ts';
import { DETECTORS } from '../../components/dlp/dlp-ids.ts';
import { DlpEventsTable } from '../../components/dlp/DlpEventsTable.tsx';
import { useDetectorName } from '../../components/dlp/DlpBadges.tsx';
import { SelectField } from '../../components/Field.tsx';
import { PageHeader } from '../../components/States.tsx';
import { UserCell } from '../../components/users/UserCell.tsx';
import { UserSelect } from '../../components/users/UserSelect.tsx';
import type { DlpDetector } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { instantRange } from '../../lib/dates.ts';
import { createUrlState } from '../../lib/url-state.ts';
import { useViewer } from '../../lib/viewer.tsx';
import { DlpEventsPageQuery } from './documents.ts';
import { DateRangeFields } from '../../components/DateRangeFields.tsx';

/** Every detector hit in prompts, filtered by detector, user and days, paged; never the matched text. */
export default function DlpEventsPage() {
  const { t, num } = useI18n();
  const viewer = useViewer();
  const detectorName = useDetectorName();
  const [filters, setFilters] = createUrlState({ detector: '', user: '', from: '', to: '' });
  const paging = createServerPaging();
  const rangeError = () => (filters().from && filters().to && filters().from > filters().to ? t('validation.dateRange') : undefined);
  const detector = () => ((DETECTORS as readonly string[]).includes(filters().detector) ? (filters().detector as DlpDetector) : null);
  const [query, refetch] = createQuery({
    query: DlpEventsPageQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({
      filter: { detector: detector(), userId: filters().user || null, ...instantRange(filters().from, filters().to) },
      first: paging.first(),
      after: paging.after(),
    }),
  });
  const set = (patch: Partial<ReturnType<typeof filters>>) => {
    paging.reset();
    setFilters(patch);
  };
  return (
    <section class="page">
      <PageHeader title={t('dlpEvents.title')} subtitle={t('dlpEvents.subtitle')} />
      <Card>
        <div class="card-pad filters">
          <div class="filters-row">
            <SelectField
              label={t('dlp.col.detector')}
              name="detector"
              value={filters().detector}
              onValue={(v) => set({ detector: v })}
              options={[{ value: '', label: t('dlpEvents.anyDetector') }, ...DETECTORS.map((d) => ({ value: d, label: detectorName(d) }))]}
            />
            <Show when={viewer.can('users:read')}>
              <UserSelect label={t('dlp.col.user')} name="user" value={filters().user} onValue={(v) => set({ user: v })} anyLabel={t('usage.allUsers')} />
            </Show>
            <DateRangeFields from={filters().from} to={filters().to} onFrom={(v) => set({ from: v })} onTo={(v) => set({ to: v })} error={rangeError()} refreshing={Boolean(query.fetching && query.data)} />
          </div>
        </div>
        <DlpEventsTable
          caption={t('dlpEvents.title')}
          events={query.data?.dlpEvents.edges.map((e) => e.node)}
          error={query.error}
          onRetry={() => refetch({ requestPolicy: 'network-only' })}
          fullTime
          paging={paging.props(query.data?.dlpEvents)}
          userLink={(user) => <UserCell user={user} />}
          footer={query.data ? t('dlp.total', { count: num(query.data.dlpEvents.totalCount) }) : undefined}
        />
      </Card>
    </section>
  );
}
