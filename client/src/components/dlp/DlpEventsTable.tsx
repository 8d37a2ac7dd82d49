import { Show, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { DataTable, type Column } from '../DataTable/DataTable.tsx';
import type { ServerPaging } from '../DataTable/paging.ts';
import type { DlpAction, DlpDetector } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DlpActionBadge, useDetectorName, useKindName } from './DlpBadges.tsx';

export interface DlpEventRow {
  id: string;
  at: string;
  detector: DlpDetector;
  kind?: string | null;
  action: DlpAction;
  count: number;
  model?: string | null;
  user?: { id: string; name: string; email: string } | null;
}

export interface DlpEventsTableProps {
  caption: string;
  events: readonly DlpEventRow[] | undefined;
  error?: CombinedError;
  onRetry?: () => void;
  /** Day and time (the events page) rather than the time of day (the dashboard's latest few). */
  fullTime?: boolean;
  paging?: ServerPaging;
  footer?: JSX.Element;
  /** A link to the user, where the reader may open users. */
  userLink?: (user: NonNullable<DlpEventRow['user']>) => JSX.Element;
}

/** Detector hits in prompts: what was found and what the policy did; never the matched text. */
export function DlpEventsTable(props: DlpEventsTableProps) {
  const { t, num, time, dateTime } = useI18n();
  const detector = useDetectorName();
  const kindName = useKindName();
  const columns = (): Column<DlpEventRow>[] => [
    { id: 'time', header: t('dlp.col.time'), class: 'nowrap', cell: (e) => (props.fullTime ? dateTime(e.at, true) : time(e.at)) },
    {
      id: 'user',
      header: t('dlp.col.user'),
      cell: (e) => (
        <Show when={e.user} fallback={<span class="muted">—</span>}>
          {(user) => (props.userLink ? props.userLink(user()) : <span class="person-name" translate="no">{user().name}</span>)}
        </Show>
      ),
    },
    {
      id: 'detector',
      header: t('dlp.col.detector'),
      cell: (e) => (
        <span class="dlp-detector">
          {detector(e.detector)}
          <Show when={e.kind}>{(kind) => <span class="muted"> · {kindName(kind())}</span>}</Show>
        </span>
      ),
    },
    { id: 'model', header: t('dlp.col.model'), cell: (e) => (e.model ? <code>{e.model}</code> : <span class="muted">—</span>) },
    { id: 'action', header: t('dlp.col.action'), cell: (e) => <DlpActionBadge action={e.action} /> },
    { id: 'count', header: t('dlp.col.count'), numeric: true, cell: (e) => num(e.count) },
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns()}
      rows={props.events}
      error={props.error}
      onRetry={props.onRetry}
      compact
      rowTestId="dlp-row"
      paging={props.paging}
      footer={props.footer}
      empty={{ title: t('dlp.empty'), icon: 'lock' }}
    />
  );
}
