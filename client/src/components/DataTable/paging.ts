import { createUrlState } from '../../lib/url-state.ts';
import { cursorStack, PAGE_SIZES } from './Pager.tsx';

/** What a GraphQL connection tells the pager. */
export interface ConnectionPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** The props DataTable's pager takes for a list the server pages. */
export interface ServerPaging {
  page: number;
  hasNext: boolean;
  totalCount: number;
  pageSize: number;
  onPrevious: () => void;
  onNext: () => void;
  onPageSize: (size: number) => void;
}

/**
 * Cursor paging for a connection: `first` and `after` for the query, the page size
 * kept in the address (`?size=50`), and `reset()` when a filter changes.
 */
export function createServerPaging(defaultSize = 20) {
  const cursors = cursorStack();
  const [url, setUrl] = createUrlState({ size: String(defaultSize) });
  const pageSize = () => {
    const size = Number(url().size);
    return (PAGE_SIZES as readonly number[]).includes(size) ? size : defaultSize;
  };
  return {
    first: pageSize,
    after: cursors.after,
    reset: cursors.reset,
    /** The pager's props for the connection just loaded (undefined while loading). */
    props(connection: ConnectionPage | undefined): ServerPaging {
      return {
        page: cursors.page(),
        hasNext: connection?.pageInfo.hasNextPage ?? false,
        totalCount: connection?.totalCount ?? 0,
        pageSize: pageSize(),
        onPrevious: cursors.previous,
        onNext: () => cursors.next(connection?.pageInfo.endCursor),
        onPageSize: (size) => {
          cursors.reset();
          setUrl({ size: String(size) });
        },
      };
    },
  };
}
