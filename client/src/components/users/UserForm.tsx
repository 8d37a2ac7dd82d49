import { createSignal, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../../i18n/index.tsx';
import { checkEmail, checkPassword, checkRequired, MIN_PASSWORD_LENGTH } from '../../lib/validate.ts';
import { CheckField, TextField } from '../Field.tsx';
import { Form, FormActions } from '../Form.tsx';
import { createFormErrors } from '../form-errors.ts';
import { useRoleDescription, useRoleName } from '../roles/role-names.ts';

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
  roles?: readonly { id: string; name: string; description: string; builtIn: boolean }[];
  /** Editing your own account: ask for the current password. */
  askCurrentPassword?: boolean;
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: UserFormValues) => void;
  onCancel: () => void;
}

const FIELDS = ['name', 'email', 'password', 'currentPassword'] as const;

/** Validates before sending; the server's field errors (extensions.field) land on the same fields. */
export function UserForm(props: UserFormProps) {
  const { t } = useI18n();
  const roleName = useRoleName();
  const roleDescription = useRoleDescription();
  const [name, setName] = createSignal(props.initial?.name ?? '');
  const [email, setEmail] = createSignal(props.initial?.email ?? '');
  const [password, setPassword] = createSignal('');
  const [currentPassword, setCurrentPassword] = createSignal('');
  const [roleIds, setRoleIds] = createSignal<string[]>(props.initial?.roleIds ?? []);
  const errors = createFormErrors({ error: () => props.error, fields: FIELDS });

  const edit = (field: string, set: (v: string) => void) => (value: string) => {
    set(value);
    errors.edited(field);
  };
  const toggleRole = (id: string, on: boolean) => setRoleIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const submit = () => {
    const ok = errors.check({ name: checkRequired(name()), email: checkEmail(email()), password: checkPassword(password(), false) });
    if (!ok) return false;
    props.onSubmit({ name: name().trim(), email: email().trim(), password: password(), roleIds: roleIds(), ...(props.askCurrentPassword ? { currentPassword: currentPassword() } : {}) });
  };

  return (
    <Form onSubmit={submit} error={errors.general()} refusal={props.error} label={props.mode === 'create' ? t('user.createTitle') : t('user.editTitle')}>
      <TextField label={t('user.name')} name="name" autocomplete="off" value={name()} onValue={edit('name', setName)} error={errors.message('name')} data-autofocus />
      <TextField label={t('user.email')} name="email" type="email" autocomplete="off" value={email()} onValue={edit('email', setEmail)} error={errors.message('email')} />
      <TextField
        label={t('user.password')}
        name="password"
        type="password"
        autocomplete="new-password"
        optional
        value={password()}
        onValue={edit('password', setPassword)}
        error={errors.message('password')}
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
          error={errors.message('currentPassword')}
          hint={t('user.currentPasswordHint')}
        />
      </Show>
      <Show when={props.mode === 'create' && props.roles?.length}>
        <fieldset class="fieldset">
          <legend class="field-label">{t('user.roles')}</legend>
          <div class="check-list">
            <For each={props.roles}>
              {(role) => (
                <CheckField
                  label={roleName(role)}
                  dataLabel={!role.builtIn}
                  description={roleDescription(role) || undefined}
                  checked={roleIds().includes(role.id)}
                  onChange={(on) => toggleRole(role.id, on)}
                />
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <FormActions busy={props.busy} onCancel={props.onCancel} submitLabel={props.mode === 'create' ? t('common.create') : t('common.save')} />
    </Form>
  );
}
