import type { ArgBuilder, ObjectRef, SchemaTypes } from '@pothos/core';
import { builder } from '../builder.ts';
import { signedInOrJustSignedIn } from './auth-scopes.ts';
import type { Connection, Edge } from './keyset-page.ts';
import { decodeCursor, encodeCursor, pageSize } from '../util/cursor.ts';

export type { Connection, Edge } from './keyset-page.ts';

export const PageInfo = builder.objectRef<Connection<unknown>['pageInfo']>('PageInfo').implement({
  authScopes: signedInOrJustSignedIn,
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

/** Defines `<Name>Connection` and `<Name>Edge` for a node type. */
export function connectionType<T>(name: string, node: ObjectRef<any, T>) {
  const EdgeRef = builder.objectRef<Edge<T>>(`${name}Edge`).implement({
    authScopes: signedInOrJustSignedIn,
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.expose('node', { type: node }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    authScopes: signedInOrJustSignedIn,
    fields: (t) => ({
      // The connection field already multiplies by `first`; do not count the list twice.
      edges: t.field({ type: [EdgeRef], complexity: { field: 0, multiplier: 1 }, resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfo, resolve: (c) => c.pageInfo }),
      totalCount: t.int({ resolve: (c) => c.totalCount() }),
    }),
  });
}

/** Complexity of a connection field: each requested node costs its selection. */
export const connectionComplexity = (args: { first?: number | null }) => ({ field: 1, multiplier: args.first ?? 20 });

export const connectionArgs = <Types extends SchemaTypes>(t: { arg: ArgBuilder<Types> }) => ({
  first: t.arg.int({ description: 'Page size, 1 to 100 (default 20)' }),
  after: t.arg.string({ description: 'Cursor of the last edge of the previous page' }),
});

/** Pages an in-memory, already ordered list (small per-owner lists such as a user's API keys). */
export function pageArray<T>(items: T[], keyOf: (item: T) => string, first?: number | null, after?: string | null): Connection<T> {
  const size = pageSize(first);
  let start = 0;
  if (after) {
    const [key] = decodeCursor(after, 1);
    start = items.findIndex((item) => keyOf(item) === key) + 1;
  }
  const slice = items.slice(start, start + size);
  const edges = slice.map((node) => ({ node, cursor: encodeCursor([keyOf(node)]) }));
  return {
    edges,
    pageInfo: { hasNextPage: start + size < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => items.length,
  };
}
