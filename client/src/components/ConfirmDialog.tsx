import { createSignal, Show, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/index.tsx';
import type { ErrorContext } from '../lib/errors.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';

export interface ConfirmDialogProps {
  title: JSX.Element;
  body: JSX.Element;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** The server's refusal, shown inside the dialog so the reason is read where it was asked. */
  error?: CombinedError | null;
  errorTitle?: string;
  errorContext?: ErrorContext;
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
      <Show when={props.error}>{(error) => <ErrorNotice error={error()} title={props.errorTitle} context={props.errorContext} />}</Show>
    </Dialog>
  );
}

/** An action that changes access or cannot be undone, asked before it runs. */
export interface ConfirmRequest {
  title: JSX.Element;
  body: JSX.Element;
  confirmLabel: string;
  danger?: boolean;
  errorTitle?: string;
  errorContext?: ErrorContext;
  /** Runs on confirm; a returned error keeps the dialog open and shows why. */
  run: () => Promise<CombinedError | null | undefined>;
}

const [request, setRequest] = createSignal<ConfirmRequest | null>(null);

/** Asks, then runs `request.run` (ConfirmHost, mounted once by the app, shows the dialog). */
export function confirmAction(next: ConfirmRequest) {
  setRequest(next);
}

export function ConfirmHost() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<CombinedError | null>(null);
  const close = () => {
    setRequest(null);
    setError(null);
  };
  const confirm = async (current: ConfirmRequest) => {
    setBusy(true);
    setError(null);
    try {
      const failed = await current.run();
      if (failed) setError(failed);
      else if (request() === current) close();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={request()} keyed>
      {(current) => (
        <ConfirmDialog
          title={current.title}
          body={current.body}
          confirmLabel={current.confirmLabel}
          danger={current.danger}
          busy={busy()}
          error={error()}
          errorTitle={current.errorTitle}
          errorContext={current.errorContext}
          onConfirm={() => confirm(current)}
          onClose={close}
        />
      )}
    </Show>
  );
}
