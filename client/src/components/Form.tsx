import { createEffect, on, Show, type JSX, type ParentProps } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/index.tsx';
import type { ErrorContext } from '../lib/errors.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { focusFirstInvalid } from './Field.tsx';

export interface FormProps {
  label?: string;
  /**
   * Runs on submit (the browser's own submit is prevented). Returning false means
   * the form's own checks failed: the first invalid field is brought into view and focused.
   */
  onSubmit: () => boolean | void;
  /** The server's refusal that no field carries, shown above the fields. */
  error?: CombinedError | null;
  /**
   * The server's latest refusal, whatever it names: when one arrives, the field it
   * names (or the notice) is brought into view and focused, like the form's own complaints.
   */
  refusal?: CombinedError | null;
  errorContext?: ErrorContext;
}

/** A form that checks before it sends and says what is wrong where it is wrong. */
export function Form(props: ParentProps<FormProps>) {
  let form!: HTMLFormElement;
  createEffect(on(() => props.refusal, (refusal) => refusal && focusFirstInvalid(form), { defer: true }));
  return (
    <form
      ref={form}
      class="form"
      novalidate
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        if (props.onSubmit() === false) focusFirstInvalid(form);
      }}
    >
      <Show when={props.error}>{(error) => <ErrorNotice error={error()} context={props.errorContext} reveal />}</Show>
      {props.children}
    </form>
  );
}

/** Cancel (when there is somewhere to go back to) and the submit button, which says so while busy. */
export function FormActions(props: { busy: boolean; submitLabel?: string; onCancel?: () => void; disabled?: boolean; extra?: JSX.Element }) {
  const { t } = useI18n();
  return (
    <div class="form-actions">
      {props.extra}
      <Show when={props.onCancel}>
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel?.()}>
          {t('common.cancel')}
        </button>
      </Show>
      <button type="submit" class="btn btn-primary" disabled={props.busy || props.disabled}>
        {props.busy ? t('common.saving') : (props.submitLabel ?? t('common.save'))}
      </button>
    </div>
  );
}
