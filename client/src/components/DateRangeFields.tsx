import { Show } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import { TextField } from './Field.tsx';
import { Loading } from './States.tsx';

/**
 * The from/to day pickers every filtered list ends its filter row with (audit
 * log, DLP events, request log), with the list's refreshing indicator after them.
 */
export function DateRangeFields(props: {
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
  /** Shown under "from" when the range is backwards. */
  error?: string;
  /** A refetch is running over data already shown. */
  refreshing?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField label={t('audit.from')} type="date" name="from" value={props.from} onValue={props.onFrom} error={props.error} />
      <TextField label={t('audit.to')} type="date" name="to" value={props.to} onValue={props.onTo} />
      <Show when={props.refreshing}>
        <Loading inline />
      </Show>
    </>
  );
}
