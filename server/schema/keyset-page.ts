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

/**
 * One page of a connection ordered newest first by a numeric id (the cursor):
 * `fetch` returns up to `limit` rows with an id below `beforeId` (every row when
 * null), newest first; one more row than the page is asked for, to tell whether
 * another page follows. `totalCount` runs only when the client selects it.
 */
export async function keysetPage<Node>(
  page: { first?: number | null; after?: string | null },
  fetch: (beforeId: string | null, limit: number) => Promise<Node[]>,
  options: { idOf: (node: Node) => string; totalCount: () => Promise<number> },
): Promise<Connection<Node>> {
  const size = pageSize(page.first);
  let beforeId: string | null = null;
  if (page.after) {
    beforeId = String(decodeCursor(page.after, 1)[0]);
    if (!/^\d+$/.test(beforeId)) throw badInput('Invalid cursor', 'after');
  }
  const rows = await fetch(beforeId, size + 1);
  const edges = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor([options.idOf(node)]) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: options.totalCount,
  };
}
