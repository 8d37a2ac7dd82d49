import { createSignal, Show } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import { Icon } from './Icon.tsx';

export interface PagerProps {
  page: number;
  totalCount: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  label: string;
}

/** Cursor pagination: previous pages are remembered by their cursors, so no page numbers beyond "page n". */
export function Pager(props: PagerProps) {
  const { t, num } = useI18n();
  return (
    <nav class="pager" aria-label={props.label}>
      <span class="pager-info">
        {t('common.totalCount', { count: num(props.totalCount) })}
        <Show when={props.page > 1 || props.hasNext}>
          {' · '}
          {t('common.pageOf', { page: props.page })}
        </Show>
      </span>
      <div class="pager-buttons">
        <button type="button" class="btn btn-secondary btn-sm" disabled={props.page <= 1} onClick={() => props.onPrevious()}>
          <Icon name="chevronLeft" size={16} />
          {t('common.previous')}
        </button>
        <button type="button" class="btn btn-secondary btn-sm" disabled={!props.hasNext} onClick={() => props.onNext()}>
          {t('common.next')}
          <Icon name="chevronRight" size={16} />
        </button>
      </div>
    </nav>
  );
}

/** Remembers the cursor that starts each page so "previous" can go back; reactive. */
export function cursorStack() {
  const [stack, setStack] = createSignal<(string | null)[]>([null]);
  return {
    after: () => stack()[stack().length - 1],
    page: () => stack().length,
    next: (endCursor: string | null | undefined) => {
      if (endCursor) setStack((s) => [...s, endCursor]);
    },
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}
