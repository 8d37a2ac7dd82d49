import { createQuery } from '@urql/solid';
import { createEffect, on, Show } from 'solid-js';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { DashboardSectionProps } from '../sections.tsx';
import { DlpEventsQuery } from './documents.ts';
import { DlpEventsTable } from './DlpEventsTable.tsx';

export function DlpEvents(props: DashboardSectionProps) {
  const { t } = useI18n();
  const [query, refetch] = createQuery({ query: DlpEventsQuery, requestPolicy: 'cache-and-network' });
  // A new chat may have produced hits: refresh as the live feed moves.
  createEffect(on(() => props.data.live.counts().chats, () => refetch({ requestPolicy: 'network-only' }), { defer: true }));
  return (
    <>
      <Show when={query.error}>
        {(error) => (
          <div class="card-pad">
            <ErrorNotice error={error()} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
          </div>
        )}
      </Show>
      <Show when={query.data} fallback={<Show when={!query.error}><Loading /></Show>}>
        {(data) => <DlpEventsTable events={data().dlpEvents.edges.map((e) => e.node)} total={data().dlpEvents.totalCount} caption={t('dashboard.dlp')} />}
      </Show>
    </>
  );
}
