import { Card } from '../../components/Card.tsx';
import { Stacked } from '../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { BreakdownRow } from './usage-data.ts';

/** Usage per user or per model, with each row's share of all tokens in the period. */
export function BreakdownTable(props: { title: string; dimension: string; rows: BreakdownRow[] | undefined; urlKey: string }) {
  const { t, num, percent } = useI18n();
  const total = () => (props.rows ?? []).reduce((s, r) => s + r.inputTokens + r.outputTokens, 0);
  const share = (r: BreakdownRow) => (total() ? (r.inputTokens + r.outputTokens) / total() : 0);
  const columns = (): Column<BreakdownRow>[] => [
    {
      id: 'name',
      header: props.dimension,
      rowHeader: true,
      sortValue: (r) => r.label,
      cell: (row) => <Stacked primary={row.label} secondary={row.sublabel} data />,
    },
    { id: 'input', header: t('usage.input'), numeric: true, sortValue: (r) => r.inputTokens, cell: (r) => num(r.inputTokens) },
    { id: 'output', header: t('usage.output'), numeric: true, sortValue: (r) => r.outputTokens, cell: (r) => num(r.outputTokens) },
    { id: 'requests', header: t('usage.requests'), numeric: true, sortValue: (r) => r.requests, cell: (r) => num(r.requests) },
    {
      id: 'share',
      header: t('usage.share'),
      class: 'col-share',
      sortValue: (r) => r.inputTokens + r.outputTokens,
      cell: (row) => (
        <div class="share">
          <div class="share-track" aria-hidden="true">
            <div class="share-fill" style={{ width: `${share(row) * 100}%` }} />
          </div>
          <span class="share-value">{percent(share(row))}</span>
        </div>
      ),
    },
  ];
  return (
    <Card title={props.title}>
      <DataTable
        caption={t('usage.tableLabel', { dimension: props.dimension })}
        columns={columns()}
        rows={props.rows}
        compact
        urlKey={props.urlKey}
        defaultSort={{ column: 'share', direction: 'desc' }}
        pageSize={10}
        empty={{ title: t('usage.empty'), icon: 'chart' }}
      />
    </Card>
  );
}
