import { Show } from 'solid-js';
import { Card } from '../../components/Card.tsx';
import { Stacked } from '../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { DlpActionBadge, useDetectorName } from '../../components/dlp/DlpBadges.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { useI18n } from '../../i18n/index.tsx';

export interface TopRow {
  key: string;
  label: string;
  sublabel?: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
}

/** The heaviest users, models or providers over the range, by tokens. */
export function TopTable(props: { title: string; dimension: string; rows: readonly TopRow[] | undefined; icon: IconName; testId: string }) {
  const { t, num } = useI18n();
  const columns = (): Column<TopRow>[] => [
    {
      id: 'key',
      header: props.dimension,
      rowHeader: true,
      sortValue: (r) => r.label,
      cell: (row) => <Stacked primary={row.label} secondary={row.sublabel} data />,
    },
    {
      id: 'tokens',
      header: t('executive.col.tokens'),
      numeric: true,
      sortValue: (r) => r.inputTokens + r.outputTokens,
      cell: (row) => <span title={t('dashboard.inOut', { input: num(row.inputTokens), output: num(row.outputTokens) })}>{num(row.inputTokens + row.outputTokens)}</span>,
    },
    {
      id: 'requests',
      header: t('executive.col.requests'),
      numeric: true,
      sortValue: (r) => r.requests,
      cell: (row) => (
        <span class="stacked">
          <span>{num(row.requests)}</span>
          <Show when={row.errors > 0}>
            <span class="sublabel rate-bad" data-testid="top-errors">
              {t('executive.failed', { count: num(row.errors) })}
            </span>
          </Show>
        </span>
      ),
    },
  ];
  return (
    <Card title={props.title} testId={props.testId}>
      <DataTable caption={props.title} columns={columns()} rows={props.rows} compact rowTestId="top-row" empty={{ title: t('executive.noChats'), icon: props.icon }} />
    </Card>
  );
}

export interface DlpCountRow {
  detector: string;
  action: string;
  events: number;
  hits: number;
}

/** DLP events over the range by detector and what the policy did. */
export function DlpCountsTable(props: { rows: readonly DlpCountRow[] | undefined }) {
  const { t, num } = useI18n();
  const detector = useDetectorName();
  const columns = (): Column<DlpCountRow>[] => [
    { id: 'detector', header: t('dlp.col.detector'), rowHeader: true, sortValue: (r) => detector(r.detector), cell: (r) => detector(r.detector) },
    { id: 'action', header: t('dlp.col.action'), cell: (r) => <DlpActionBadge action={r.action} /> },
    { id: 'events', header: t('executive.col.events'), numeric: true, sortValue: (r) => r.events, cell: (r) => num(r.events) },
    { id: 'hits', header: t('executive.col.hits'), numeric: true, sortValue: (r) => r.hits, cell: (r) => num(r.hits) },
  ];
  return (
    <Card title={t('executive.dlp')} subtitle={t('executive.dlpHint')} testId="executive-dlp">
      <DataTable caption={t('executive.dlp')} columns={columns()} rows={props.rows} compact rowTestId="dlp-count-row" empty={{ title: t('executive.dlpEmpty'), icon: 'lock' }} />
    </Card>
  );
}
