import { badInput } from '../errors.ts';
import { decodeCursor, encodeCursor, pageSize } from '../util/cursor.ts';

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay-style page. `totalCount` runs only when asked for. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number> | number;
}

const NUMERIC_ID = /^\d+$/;

/**
 * One page of a connection ordered by a unique key (the cursor): `fetch` returns
 * up to `limit` rows that come after the row whose key is `afterKey` (from the
 * start when null), in the connection's order; one more row than the page is
 * asked for, to tell whether another page follows. Keys are numeric ids unless
 * `validKey` says otherwise (a cursor with another key is BAD_USER_INPUT).
 * `totalCount` runs only when the client selects it.
 */
export async function keysetPage<Node>(
  page: { first?: number | null; after?: string | null },
  fetch: (afterKey: string | null, limit: number) => Promise<Node[]>,
  options: { keyOf: (node: Node) => string; totalCount: () => Promise<number>; validKey?: (key: string) => boolean },
): Promise<Connection<Node>> {
  const size = pageSize(page.first);
  let afterKey: string | null = null;
  if (page.after) {
    afterKey = String(decodeCursor(page.after, 1)[0]);
    if (!(options.validKey ?? ((key: string) => NUMERIC_ID.test(key)))(afterKey)) throw badInput('Invalid cursor', 'after');
  }
  const rows = await fetch(afterKey, size + 1);
  const edges = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor([options.keyOf(node)]) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: options.totalCount,
  };
}
