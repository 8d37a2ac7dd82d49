import { Show, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/index.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';

export interface ConfirmDialogProps {
  title: string;
  body: JSX.Element;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** The server's refusal, shown inside the dialog so the reason is read where it was asked. */
  error?: CombinedError | null;
  errorTitle?: string;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      title={props.title}
      alert
      size="sm"
      onClose={props.onClose}
      description={props.body}
      footer={
        <>
          <button type="button" class="btn btn-secondary" data-autofocus onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={props.busy}
            onClick={() => props.onConfirm()}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <Show when={props.error}>{(error) => <ErrorNotice error={error()} title={props.errorTitle} />}</Show>
    </Dialog>
  );
}
