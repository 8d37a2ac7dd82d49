import { createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import { cursorStack } from '../../components/Pager.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AuditView, type AuditFilters } from './Audit.tsx';
import { AuditActorsQuery, AuditPageQuery } from './documents.ts';

const PAGE_SIZE = 25;

/** The start of `from` and the end of `to`, in the browser's time zone, as instants. */
function instantRange(f: AuditFilters) {
  return {
    from: f.from ? new Date(`${f.from}T00:00:00`).toISOString() : null,
    to: f.to ? new Date(`${f.to}T23:59:59.999`).toISOString() : null,
  };
}

export default function AuditPage() {
  const { t } = useI18n();
  const [filters, setFilters] = createSignal<AuditFilters>({ action: '', userId: '', from: '', to: '' });
  const cursors = cursorStack();
  const rangeError = () => (filters().from && filters().to && filters().from > filters().to ? t('validation.dateRange') : undefined);
  const [query, refetch] = createQuery({
    query: AuditPageQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({
      filter: { action: filters().action || null, userId: filters().userId || null, ...instantRange(filters()) },
      first: PAGE_SIZE,
      after: cursors.after(),
    }),
  });
  const [actors] = createQuery({ query: AuditActorsQuery });
  return (
    <AuditView
      filters={filters()}
      onFilters={(f) => {
        cursors.reset();
        setFilters(f);
      }}
      rangeError={rangeError()}
      actors={actors.data?.users.edges.map((e) => e.node) ?? []}
      loading={query.fetching}
      error={query.data ? undefined : query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      records={query.data?.auditLog.edges.map((e) => e.node)}
      totalCount={query.data?.auditLog.totalCount ?? 0}
      page={cursors.page()}
      hasNext={query.data?.auditLog.pageInfo.hasNextPage ?? false}
      onPrevious={() => cursors.previous()}
      onNext={() => cursors.next(query.data?.auditLog.pageInfo.endCursor)}
    />
  );
}
