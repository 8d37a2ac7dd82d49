import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { TextField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { checkRoleName } from '../../lib/validate.ts';
import { PermissionEditor, type PermissionInfo } from './PermissionEditor.tsx';

export interface RoleFormValues {
  name: string;
  description: string;
  permissions: string[];
}

export interface RoleFormProps {
  initial?: RoleFormValues & { builtIn?: boolean };
  permissions: readonly PermissionInfo[];
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: RoleFormValues) => void;
  onCancel: () => void;
}

/** Refusals that name no field: granting what you do not hold, changing a built-in role. */
export const ROLE_FORM_ERRORS = { FORBIDDEN: 'error.FORBIDDEN.role', 'BAD_USER_INPUT:name': 'error.BAD_USER_INPUT.roleName' } as const;

export function RoleForm(props: RoleFormProps) {
  const { t } = useI18n();
  const [name, setName] = createSignal(props.initial?.name ?? '');
  const [description, setDescription] = createSignal(props.initial?.description ?? '');
  const [selected, setSelected] = createSignal<string[]>(props.initial?.permissions ?? []);
  const errors = createFormErrors({ error: () => props.error, fields: ['name', 'permissions'], context: ROLE_FORM_ERRORS });
  const builtIn = () => Boolean(props.initial?.builtIn);
  return (
    <Form
      onSubmit={() => {
        if (!errors.check({ name: builtIn() ? null : checkRoleName(name()) })) return false;
        props.onSubmit({ name: name().normalize('NFC').trim().replace(/\s+/gu, ' '), description: description().trim(), permissions: selected() });
      }}
      error={errors.general()} refusal={props.error}
      errorContext={ROLE_FORM_ERRORS}
    >
      <Show when={builtIn()}>
        <p class="notice notice-info notice-compact">{t('roles.builtInNote')}</p>
      </Show>
      <div class="form-row">
        <TextField
          label={t('roles.name')}
          name="roleName"
          value={name()}
          onValue={(v) => (setName(v), errors.edited('name'))}
          disabled={builtIn()}
          error={errors.message('name')}
          hint={builtIn() ? undefined : t('roles.nameHint')}
          data-autofocus={!builtIn() || undefined}
        />
        <TextField label={t('roles.description')} name="roleDescription" optional value={description()} onValue={setDescription} />
      </div>
      <div class="field">
        <span class="field-label" id="permissions-label">
          {t('roles.permissions')}
        </span>
        <Show when={errors.message('permissions')}>
          {(message) => (
            <p class="field-error" role="alert">
              {message()}
            </p>
          )}
        </Show>
        <PermissionEditor permissions={props.permissions} selected={selected()} onChange={(p) => (setSelected(p), errors.edited('permissions'))} />
      </div>
      <FormActions busy={props.busy} onCancel={props.onCancel} submitLabel={props.initial ? t('common.save') : t('common.create')} />
    </Form>
  );
}
