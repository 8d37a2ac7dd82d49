import { createQuery } from '@urql/solid';
import { createEffect, on } from 'solid-js';
import { DlpEventsTable } from '../../../components/dlp/DlpEventsTable.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { DashboardSectionProps } from '../dashboard-data.ts';
import { DlpEventsQuery } from './documents.ts';

export function DlpEvents(props: DashboardSectionProps) {
  const { t, num } = useI18n();
  const [query, refetch] = createQuery({ query: DlpEventsQuery, requestPolicy: 'cache-and-network' });
  // A new chat may have produced hits: refresh as the live feed moves.
  createEffect(on(() => props.data.live.counts().chats, () => refetch({ requestPolicy: 'network-only' }), { defer: true }));
  return (
    <DlpEventsTable
      caption={t('dashboard.dlp')}
      events={query.data?.dlpEvents.edges.map((e) => e.node)}
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      footer={query.data?.dlpEvents.totalCount ? t('dlp.total', { count: num(query.data.dlpEvents.totalCount) }) : undefined}
    />
  );
}
