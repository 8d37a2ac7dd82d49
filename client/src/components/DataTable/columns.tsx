import { Show, type JSX } from 'solid-js';
import { useI18n } from '../../i18n/index.tsx';
import { Icon } from '../Icon.tsx';
import type { Column } from './DataTable.tsx';

/** The last column of a list whose rows can be acted on; none when the reader may not act. */
export function actionsColumn<Row>(allowed: boolean, header: string, cell: (row: Row) => JSX.Element): Column<Row>[] {
  return allowed ? [{ id: 'actions', header, hideHeader: true, class: 'cell-actions', cell }] : [];
}

/** Edit and (unless it cannot be deleted) delete buttons for a row, named after what they act on. */
export function EditDeleteButtons(props: { name: string; onEdit?: () => void; onDelete?: () => void; editLabel?: string }) {
  const { t } = useI18n();
  return (
    <span class="row-buttons">
      <Show when={props.onEdit}>
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => props.onEdit?.()} aria-label={t('common.editNamed', { name: props.name })}>
          <Icon name="edit" size={14} />
          {props.editLabel ?? t('common.edit')}
        </button>
      </Show>
      <Show when={props.onDelete}>
        <button type="button" class="btn btn-ghost-danger btn-sm" onClick={() => props.onDelete?.()} aria-label={t('common.deleteNamed', { name: props.name })}>
          <Icon name="trash" size={14} />
          {t('common.delete')}
        </button>
      </Show>
    </span>
  );
}

/** A name over a smaller second line (an e-mail, a plugin, a scope). */
export function Stacked(props: { primary: JSX.Element; secondary?: JSX.Element | null; strong?: boolean; data?: boolean }) {
  return (
    <span class="stacked">
      <span class="person-name" classList={{ strong: props.strong !== false }} translate={props.data ? 'no' : undefined}>
        {props.primary}
      </span>
      <Show when={props.secondary}>
        <span class="sublabel">{props.secondary}</span>
      </Show>
    </span>
  );
}
