import { createMemo, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../../i18n/index.tsx';
import { createUrlState } from '../../lib/url-state.ts';
import { ErrorBlock } from '../ErrorNotice.tsx';
import { Icon, type IconName } from '../Icon.tsx';
import { EmptyState, Loading } from '../States.tsx';
import { Pager } from './Pager.tsx';
import type { ServerPaging } from './paging.ts';
import { formatSort, parseSort, sortRows, type SortState, type SortValue } from './sort.ts';
import './DataTable.css';

export interface Column<Row> {
  /** Stable id; names the column in the address when sorted (`?sort=tokens.desc`). */
  id: string;
  header: string;
  /** Read by screen readers and on narrow screens, not shown as a column title (action columns). */
  hideHeader?: boolean;
  cell: (row: Row) => JSX.Element;
  /** Right-aligned with tabular figures, so digits line up. */
  numeric?: boolean;
  /** Makes the column sortable by this value. */
  sortValue?: (row: Row) => SortValue;
  /** The cell that names the row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** The header is data (a custom role's name), not a word of the interface. */
  headerData?: boolean;
  class?: string;
}

export interface DataTableProps<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  /** undefined while the first load is under way. */
  rows: readonly Row[] | undefined;
  error?: CombinedError;
  onRetry?: () => void;
  /** Shown instead of the table when there are no rows. */
  empty: { title: string; hint?: string; icon?: IconName; action?: JSX.Element };
  compact?: boolean;
  /** data-testid of each row. */
  rowTestId?: string;
  /** Extra attributes of a row (data-*, classes). */
  rowProps?: (row: Row) => JSX.HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
  /** Opens the row (a detail view): the row is clickable and takes Enter. */
  onRowOpen?: (row: Row) => void;
  rowOpenLabel?: (row: Row) => string;
  defaultSort?: SortState;
  /** Keeps the sort and page (client paging) in the address under this prefix (`''` for none). */
  urlKey?: string;
  /** Pages through `rows` in the browser, this many at a time. */
  pageSize?: number;
  /** The server pages the list (a connection); rows are the current page. */
  paging?: ServerPaging;
  footer?: JSX.Element;
}

/**
 * The console's one table: columns with numeric alignment, sorting, paging (in the
 * browser or by the server's cursors), and its loading, error and empty states. On
 * narrow screens each row stacks into a card whose cells carry their column name.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { t, locale } = useI18n();
  // Sort and page live in the address when the page asks for it (urlKey), so Back and reload keep them.
  const inUrl = props.urlKey !== undefined;
  const sortParam = `${props.urlKey ? `${props.urlKey}-` : ''}sort`;
  const pageParam = `${props.urlKey ? `${props.urlKey}-` : ''}page`;
  const [url, setUrl] = createUrlState<Record<string, string>>({ [sortParam]: '', [pageParam]: '' });
  const [localSort, setLocalSort] = createSignal<SortState | undefined>();
  const [localPage, setLocalPage] = createSignal(1);

  const sort = (): SortState | undefined => (inUrl ? parseSort(url()[sortParam]) : localSort()) ?? props.defaultSort;
  const setSort = (next: SortState) => {
    if (inUrl) setUrl({ [sortParam]: formatSort(next), [pageParam]: '' });
    else {
      setLocalSort(next);
      setLocalPage(1);
    }
  };
  const page = () => (inUrl ? Math.max(1, Number(url()[pageParam]) || 1) : localPage());
  const setPage = (n: number) => (inUrl ? setUrl({ [pageParam]: n > 1 ? String(n) : '' }) : setLocalPage(n));

  // Column headers are translated: the array is rebuilt when the language changes, once.
  const columns = createMemo(() => props.columns);
  const collator = createMemo(() => new Intl.Collator(locale(), { numeric: true, sensitivity: 'base' }));
  const sorted = createMemo(() => {
    const rows = props.rows ?? [];
    const s = sort();
    const column = s && columns().find((c) => c.id === s.column && c.sortValue);
    return column?.sortValue ? sortRows(rows, column.sortValue, s!.direction, collator()) : [...rows];
  });
  const pageCount = () => (props.pageSize ? Math.max(1, Math.ceil(sorted().length / props.pageSize)) : 1);
  const visible = createMemo(() => {
    if (!props.pageSize) return sorted();
    const current = Math.min(page(), pageCount());
    return sorted().slice((current - 1) * props.pageSize, current * props.pageSize);
  });

  const toggleSort = (column: Column<Row>) => {
    const current = sort();
    // Figures read largest first, names from A.
    const first = column.numeric ? 'desc' : 'asc';
    const direction = current?.column === column.id ? (current.direction === 'asc' ? 'desc' : 'asc') : first;
    setSort({ column: column.id, direction });
  };
  const ariaSort = (column: Column<Row>) => {
    const s = sort();
    if (!column.sortValue) return undefined;
    return s?.column === column.id ? (s.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  };

  const cellClass = (column: Column<Row>) => [column.numeric ? 'num' : '', column.rowHeader ? 'row-head' : '', column.class ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <Switch>
      <Match when={props.error && !props.rows}>
        <ErrorBlock error={props.error} onRetry={props.onRetry} />
      </Match>
      <Match when={!props.rows}>
        <Loading />
      </Match>
      <Match when={props.rows!.length === 0}>
        <ErrorBlock error={props.error} onRetry={props.onRetry} />
        <EmptyState title={props.empty.title} hint={props.empty.hint} icon={props.empty.icon} action={props.empty.action} />
        <Show when={props.paging && props.paging.page > 1}>
          <Pager label={props.caption} {...props.paging!} />
        </Show>
      </Match>
      <Match when={props.rows}>
        <ErrorBlock error={props.error} onRetry={props.onRetry} />
        <div class="table-wrap">
          <table class="table data-table" classList={{ 'table-compact': props.compact, 'table-clickable': Boolean(props.onRowOpen) }}>
            <caption class="sr-only">{props.caption}</caption>
            <thead>
              <tr>
                <For each={columns()}>
                  {(column) => (
                    <th scope="col" class={cellClass(column)} aria-sort={ariaSort(column)} translate={column.headerData ? 'no' : undefined}>
                      <Switch fallback={<span classList={{ 'sr-only': column.hideHeader }}>{column.header}</span>}>
                        <Match when={column.sortValue}>
                          <button type="button" class="sort-button" onClick={() => toggleSort(column)} title={t('table.sortBy', { column: column.header })}>
                            <span>{column.header}</span>
                            <Icon
                              name={sort()?.column === column.id ? (sort()!.direction === 'asc' ? 'arrowUp' : 'arrowDown') : 'sort'}
                              size={14}
                              class={sort()?.column === column.id ? 'sort-icon sort-icon-on' : 'sort-icon'}
                            />
                          </button>
                        </Match>
                      </Switch>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={visible()}>
                {(row) => {
                  const extra = () => props.rowProps?.(row) ?? {};
                  const open = () => props.onRowOpen?.(row);
                  return (
                    <tr
                      {...extra()}
                      data-testid={props.rowTestId}
                      tabindex={props.onRowOpen ? 0 : undefined}
                      aria-label={props.rowOpenLabel?.(row)}
                      onClick={(e) => {
                        // A link or button inside the row does its own thing.
                        if (!props.onRowOpen || (e.target as HTMLElement).closest('a, button, input, select')) return;
                        open();
                      }}
                      onKeyDown={(e) => {
                        if (props.onRowOpen && (e.key === 'Enter' || e.key === ' ') && e.target === e.currentTarget) {
                          e.preventDefault();
                          open();
                        }
                      }}
                    >
                      <For each={columns()}>
                        {(column) =>
                          column.rowHeader ? (
                            <th scope="row" class={cellClass(column)} data-label={column.header}>
                              {column.cell(row)}
                            </th>
                          ) : (
                            <td class={cellClass(column)} data-label={column.hideHeader ? undefined : column.header}>
                              {column.cell(row)}
                            </td>
                          )
                        }
                      </For>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={props.paging}>{(paging) => <Pager label={props.caption} {...paging()} />}</Show>
        <Show when={props.pageSize && pageCount() > 1}>
          <Pager
            label={props.caption}
            page={Math.min(page(), pageCount())}
            pageCount={pageCount()}
            totalCount={sorted().length}
            hasNext={page() < pageCount()}
            onPrevious={() => setPage(Math.max(1, page() - 1))}
            onNext={() => setPage(Math.min(pageCount(), page() + 1))}
          />
        </Show>
        <Show when={props.footer}>
          <div class="table-footer">{props.footer}</div>
        </Show>
      </Match>
    </Switch>
  );
}
