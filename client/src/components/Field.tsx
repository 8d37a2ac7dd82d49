import { createUniqueId, For, Show, splitProps, type JSX } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';

interface FieldShell {
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
}

function Shell(props: FieldShell & { id: string; children: JSX.Element }) {
  const { t } = useI18n();
  return (
    <div class="field" classList={{ 'field-invalid': Boolean(props.error) }}>
      <label for={props.id} class="field-label">
        {props.label}
        <Show when={props.optional}>
          <span class="field-optional"> ({t('common.optional')})</span>
        </Show>
      </label>
      {props.children}
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
      <Show when={props.hint && !props.error}>
        <p id={`${props.id}-hint`} class="field-hint">
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

function describedBy(id: string, p: FieldShell) {
  return p.error ? `${id}-error` : p.hint ? `${id}-hint` : undefined;
}

export type TextFieldProps = FieldShell & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput'> & { onValue?: (value: string) => void };

/** A labelled input whose error and hint are announced with it (aria-describedby). */
export function TextField(props: TextFieldProps) {
  const [shell, rest] = splitProps(props, ['label', 'hint', 'error', 'optional', 'onValue', 'id']);
  const id = shell.id ?? createUniqueId();
  return (
    <Shell {...shell} id={id}>
      <input
        {...rest}
        id={id}
        class="input"
        aria-invalid={shell.error ? 'true' : undefined}
        aria-describedby={describedBy(id, shell)}
        onInput={(e) => shell.onValue?.(e.currentTarget.value)}
      />
    </Shell>
  );
}

export type SelectFieldProps = FieldShell & {
  value: string;
  options: readonly { value: string; label: string }[];
  onValue: (value: string) => void;
  id?: string;
  disabled?: boolean;
};

export function SelectField(props: SelectFieldProps) {
  const id = props.id ?? createUniqueId();
  return (
    <Shell label={props.label} hint={props.hint} error={props.error} optional={props.optional} id={id}>
      <select
        id={id}
        class="input select"
        disabled={props.disabled}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </Shell>
  );
}
