import { createSignal, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice, fieldError } from '../../components/ErrorNotice.tsx';
import { TextField } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { checkEmail, checkPassword, checkRequired, MIN_PASSWORD_LENGTH, type Problem } from '../../lib/validate.ts';

export interface UserFormValues {
  name: string;
  email: string;
  /** Empty: none (create) or unchanged (edit). */
  password: string;
  /** Asked only when editing your own account: the gateway needs it to change your email or password. */
  currentPassword?: string;
  roleIds: string[];
}

export interface UserFormProps {
  mode: 'create' | 'edit';
  initial?: Partial<UserFormValues>;
  /** Offered as checkboxes on create; roles of an existing user are edited on their page. */
  roles?: readonly { id: string; name: string; description: string }[];
  /** Editing your own account: ask for the current password. */
  askCurrentPassword?: boolean;
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: UserFormValues) => void;
  onCancel: () => void;
}

/** Validates before sending; the server's field errors (extensions.field) land on the same fields. */
export function UserForm(props: UserFormProps) {
  const { t } = useI18n();
  const [name, setName] = createSignal(props.initial?.name ?? '');
  const [email, setEmail] = createSignal(props.initial?.email ?? '');
  const [password, setPassword] = createSignal('');
  const [currentPassword, setCurrentPassword] = createSignal('');
  const [roleIds, setRoleIds] = createSignal<string[]>(props.initial?.roleIds ?? []);
  const [problems, setProblems] = createSignal<Record<string, Problem | null>>({});
  const message = (field: string) => {
    const p = problems()[field];
    return p ? t(p.key, p.params) : fieldError(props.error, field);
  };
  // A field's complaint goes away as soon as it is edited; the next submit checks again.
  const edit = (field: string, set: (v: string) => void) => (value: string) => {
    set(value);
    if (problems()[field]) setProblems((p) => ({ ...p, [field]: null }));
  };
  const toggleRole = (id: string, on: boolean) => setRoleIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = { name: checkRequired(name()), email: checkEmail(email()), password: checkPassword(password(), false) };
    setProblems(found);
    if (Object.values(found).some(Boolean)) {
      queueMicrotask(() => (event.target as HTMLFormElement).querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    props.onSubmit({ name: name().trim(), email: email().trim(), password: password(), roleIds: roleIds(), ...(props.askCurrentPassword ? { currentPassword: currentPassword() } : {}) });
  };

  const otherErrors = () => (props.error && !['name', 'email', 'password', 'currentPassword'].some((f) => fieldError(props.error, f)) ? props.error : null);

  return (
    <form class="form" novalidate onSubmit={submit} aria-label={props.mode === 'create' ? t('user.createTitle') : t('user.editTitle')}>
      <Show when={otherErrors()}>{(error) => <ErrorNotice error={error()} />}</Show>
      <TextField label={t('user.name')} name="name" autocomplete="off" value={name()} onValue={edit('name', setName)} error={message('name')} data-autofocus />
      <TextField label={t('user.email')} name="email" type="email" autocomplete="off" value={email()} onValue={edit('email', setEmail)} error={message('email')} />
      <TextField
        label={t('user.password')}
        name="password"
        type="password"
        autocomplete="new-password"
        optional
        value={password()}
        onValue={edit('password', setPassword)}
        error={message('password')}
        hint={props.mode === 'create' ? t('user.passwordHint', { min: MIN_PASSWORD_LENGTH }) : t('user.passwordEditHint')}
      />
      <Show when={props.askCurrentPassword}>
        <TextField
          label={t('user.currentPassword')}
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          optional
          value={currentPassword()}
          onValue={edit('currentPassword', setCurrentPassword)}
          error={message('currentPassword')}
          hint={t('user.currentPasswordHint')}
        />
      </Show>
      <Show when={props.mode === 'create' && props.roles?.length}>
        <fieldset class="fieldset">
          <legend class="field-label">{t('user.roles')}</legend>
          <div class="check-list">
            <For each={props.roles}>
              {(role) => (
                <label class="check">
                  <input type="checkbox" checked={roleIds().includes(role.id)} onChange={(e) => toggleRole(role.id, e.currentTarget.checked)} />
                  <span class="check-text">
                    <span class="check-title">{role.name}</span>
                    <Show when={role.description}>
                      <span class="check-description">{role.description}</span>
                    </Show>
                  </span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={props.busy}>
          {props.busy ? t('common.saving') : props.mode === 'create' ? t('common.create') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
