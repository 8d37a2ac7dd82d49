import { createUniqueId, For, Show, splitProps, type JSX } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import './Field.css';

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
  name?: string;
  disabled?: boolean;
};

export function SelectField(props: SelectFieldProps) {
  const id = props.id ?? createUniqueId();
  return (
    <Shell label={props.label} hint={props.hint} error={props.error} optional={props.optional} id={id}>
      <select
        id={id}
        name={props.name}
        class="input select"
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
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

/** One checkbox with its label and an optional line of explanation. */
/** `dataLabel`: the label is a name (a custom role), not a word of the interface. */
export function CheckField(props: { label: string; description?: string; checked: boolean; onChange: (checked: boolean) => void; name?: string; disabled?: boolean; dataLabel?: boolean }) {
  return (
    <label class="check">
      <input type="checkbox" name={props.name} checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      <span class="check-text">
        <span class="check-title" translate={props.dataLabel ? 'no' : undefined}>
          {props.label}
        </span>
        <Show when={props.description}>
          <span class="check-description" translate={props.dataLabel ? 'no' : undefined}>
            {props.description}
          </span>
        </Show>
      </span>
    </label>
  );
}

/**
 * After a refused submit: brings the first field marked invalid into view (it may be
 * above the fold of a scrolled dialog) and puts the cursor in it. Runs after the
 * error has rendered.
 */
export function focusFirstInvalid(form: HTMLElement | undefined) {
  queueMicrotask(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
    if (!field) return;
    field.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    if (field.matches('input, select, textarea')) field.focus({ preventScroll: true });
  });
}
