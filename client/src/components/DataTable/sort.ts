export type SortDirection = 'asc' | 'desc';

export interface SortState {
  column: string;
  direction: SortDirection;
}

export type SortValue = number | string | null | undefined;

/** Numbers by value, text by the locale's collation (拼音 order in Chinese); empty values last either way. */
export function compareValues(a: SortValue, b: SortValue, collator: Intl.Collator): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A sorted copy (stable: equal rows keep their order); descending puts empty values last too. */
export function sortRows<Row>(rows: readonly Row[], value: (row: Row) => SortValue, direction: SortDirection, collator: Intl.Collator): Row[] {
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((x, y) => {
      const empty = (v: SortValue) => v === null || v === undefined || v === '';
      if (empty(x.key) || empty(y.key)) return compareValues(x.key, y.key, collator) || x.index - y.index;
      const order = compareValues(x.key, y.key, collator);
      return (direction === 'asc' ? order : -order) || x.index - y.index;
    })
    .map((entry) => entry.row);
}

/** `tokens.desc` in the address; anything unreadable is no sort. */
export function parseSort(text: string | undefined): SortState | undefined {
  const match = /^([\w-]+)\.(asc|desc)$/.exec(text ?? '');
  return match ? { column: match[1], direction: match[2] as SortDirection } : undefined;
}

export const formatSort = (sort: SortState) => `${sort.column}.${sort.direction}`;
