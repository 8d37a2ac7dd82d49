import { fireEvent, screen, within } from '@solidjs/testing-library';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../test/render.tsx';
import { DataTable, type Column } from './DataTable.tsx';
import { compareValues, parseSort, sortRows } from './sort.ts';

interface Row {
  name: string;
  tokens: number;
}

const columns: Column<Row>[] = [
  { id: 'name', header: 'Name', rowHeader: true, sortValue: (r) => r.name, cell: (r) => r.name },
  { id: 'tokens', header: 'Tokens', numeric: true, sortValue: (r) => r.tokens, cell: (r) => String(r.tokens) },
];
const rows: Row[] = [
  { name: 'b', tokens: 5 },
  { name: 'a', tokens: 50 },
  { name: 'c', tokens: 7 },
];

const names = () => screen.getAllByTestId('row').map((r) => r.querySelector('th')!.textContent);

describe('DataTable', () => {
  // The router reads the address on popstate, as after Back or a reload.
  const goTo = (url: string) => {
    history.replaceState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
  afterEach(() => goTo('/'));

  it('aligns numeric columns right and labels every cell for narrow screens', () => {
    renderWithI18n(() => <DataTable caption="Usage" columns={columns} rows={rows} rowTestId="row" empty={{ title: 'None' }} />);
    const [first] = screen.getAllByTestId('row');
    const cell = first.querySelector('td')!;
    expect(cell.classList.contains('num')).toBe(true);
    expect(cell.getAttribute('data-label')).toBe('Tokens');
    expect(screen.getByRole('columnheader', { name: /Tokens/ }).classList.contains('num')).toBe(true);
    expect(screen.getByRole('table').querySelector('caption')!.textContent).toBe('Usage');
  });

  it('sorts by a column on click: figures largest first, then the other way; names A to Z', () => {
    renderWithI18n(() => <DataTable caption="Usage" columns={columns} rows={rows} rowTestId="row" empty={{ title: 'None' }} />);
    expect(names()).toEqual(['b', 'a', 'c']);
    const tokens = screen.getByRole('button', { name: 'Tokens' });
    fireEvent.click(tokens);
    expect(names()).toEqual(['a', 'c', 'b']);
    expect(screen.getByRole('columnheader', { name: /Tokens/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(tokens);
    expect(names()).toEqual(['b', 'c', 'a']);
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(screen.getByRole('columnheader', { name: /Tokens/ }).getAttribute('aria-sort')).toBe('none');
  });

  it('keeps the sort in the address when asked, so a reload shows the same order', () => {
    goTo('/?t-sort=tokens.asc');
    renderWithI18n(() => <DataTable caption="Usage" columns={columns} rows={rows} rowTestId="row" urlKey="t" empty={{ title: 'None' }} />);
    expect(names()).toEqual(['b', 'c', 'a']);
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(location.search).toBe('?t-sort=name.asc');
  });

  it('pages through long lists in the browser', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ name: `n${String(i).padStart(2, '0')}`, tokens: i }));
    renderWithI18n(() => <DataTable caption="Usage" columns={columns} rows={many} rowTestId="row" pageSize={10} empty={{ title: 'None' }} />);
    expect(screen.getAllByTestId('row')).toHaveLength(10);
    const pager = screen.getByRole('navigation', { name: 'Usage' });
    expect(pager.textContent).toContain('25 in total');
    expect(pager.textContent).toContain('Page 1 of 3');
    fireEvent.click(within(pager).getByRole('button', { name: /Next/ }));
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Usage' })).getByRole('button', { name: /Next/ }));
    expect(screen.getAllByTestId('row')).toHaveLength(5);
    expect(names()[0]).toBe('n20');
  });

  it('hands server paging to its pager, with the page size', () => {
    const onNext = vi.fn();
    const onPageSize = vi.fn();
    renderWithI18n(() => (
      <DataTable
        caption="Users"
        columns={columns}
        rows={rows}
        rowTestId="row"
        paging={{ page: 1, hasNext: true, totalCount: 60, pageSize: 20, onPrevious: () => {}, onNext, onPageSize }}
        empty={{ title: 'None' }}
      />
    ));
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(onNext).toHaveBeenCalledOnce();
    fireEvent.change(screen.getByLabelText('Rows per page'), { target: { value: '50' } });
    expect(onPageSize).toHaveBeenCalledWith(50);
  });

  it('shows loading, empty and error states instead of an empty table', () => {
    const { unmount } = renderWithI18n(() => <DataTable caption="Usage" columns={columns} rows={undefined} empty={{ title: 'Nothing yet' }} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    unmount();
    const second = renderWithI18n(() => <DataTable caption="Usage" columns={columns} rows={[]} empty={{ title: 'Nothing yet', hint: 'Run a chat' }} />);
    expect(screen.getByText('Nothing yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    second.unmount();
    const onRetry = vi.fn();
    const error = new CombinedError({ graphQLErrors: [new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } })] });
    renderWithI18n(() => <DataTable caption="Usage" columns={columns} rows={undefined} error={error} onRetry={onRetry} empty={{ title: 'Nothing yet' }} />, 'zh-CN');
    expect(screen.getByRole('alert').textContent).toContain('你的角色不允许此操作');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('opens a row by click or Enter, but leaves links and buttons inside it alone', () => {
    const onRowOpen = vi.fn();
    const withButton: Column<Row>[] = [...columns, { id: 'act', header: 'Actions', hideHeader: true, cell: () => <button type="button">Act</button> }];
    renderWithI18n(() => <DataTable caption="Usage" columns={withButton} rows={rows} rowTestId="row" onRowOpen={onRowOpen} empty={{ title: 'None' }} />);
    const [first] = screen.getAllByTestId('row');
    fireEvent.click(first.querySelector('td')!);
    expect(onRowOpen).toHaveBeenLastCalledWith(rows[0]);
    fireEvent.keyDown(first, { key: 'Enter' });
    expect(onRowOpen).toHaveBeenCalledTimes(2);
    fireEvent.click(within(first).getByRole('button', { name: 'Act' }));
    expect(onRowOpen).toHaveBeenCalledTimes(2);
  });
});

describe('sorting values', () => {
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  it('orders numbers by value, text by the locale, and empty values last either way', () => {
    expect(compareValues(2, 10, collator)).toBeLessThan(0);
    expect(compareValues('item 2', 'item 10', collator)).toBeLessThan(0);
    const data = [{ v: null as number | null }, { v: 3 }, { v: 1 }];
    expect(sortRows(data, (r) => r.v, 'asc', collator).map((r) => r.v)).toEqual([1, 3, null]);
    expect(sortRows(data, (r) => r.v, 'desc', collator).map((r) => r.v)).toEqual([3, 1, null]);
  });

  it('reads a sort from the address and ignores anything else', () => {
    expect(parseSort('tokens.desc')).toEqual({ column: 'tokens', direction: 'desc' });
    expect(parseSort('tokens')).toBeUndefined();
    expect(parseSort('x.sideways')).toBeUndefined();
  });
});
