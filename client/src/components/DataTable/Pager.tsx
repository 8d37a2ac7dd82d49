import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/index.tsx';
import { Icon } from '../Icon.tsx';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface PagerProps {
  label: string;
  page: number;
  /** Known for client-side pages; cursor pages only know whether there is a next one. */
  pageCount?: number;
  totalCount: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pageSize?: number;
  onPageSize?: (size: number) => void;
}

/** Previous / next with the total and, where the list allows it, the page size. */
export function Pager(props: PagerProps) {
  const { t, num } = useI18n();
  const sizeId = createUniqueId();
  return (
    <nav class="pager" aria-label={props.label}>
      <span class="pager-info">
        {t('common.totalCount', { count: num(props.totalCount) })}
        <Show when={props.page > 1 || props.hasNext}>
          {' · '}
          {props.pageCount ? t('common.pageOfCount', { page: num(props.page), count: num(props.pageCount) }) : t('common.pageOf', { page: num(props.page) })}
        </Show>
      </span>
      <div class="pager-controls">
        <Show when={props.onPageSize && props.pageSize}>
          <label class="pager-size" for={sizeId}>
            <span>{t('table.pageSize')}</span>
            <select id={sizeId} class="input select" onChange={(e) => props.onPageSize?.(Number(e.currentTarget.value))}>
              <For each={PAGE_SIZES}>
                {(size) => (
                  <option value={size} selected={size === props.pageSize}>
                    {num(size)}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
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
