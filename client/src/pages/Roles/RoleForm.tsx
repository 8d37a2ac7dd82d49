import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice, fieldError } from '../../components/ErrorNotice.tsx';
import { TextField } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { checkRequired, type Problem } from '../../lib/validate.ts';
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

export function RoleForm(props: RoleFormProps) {
  const { t } = useI18n();
  const [name, setName] = createSignal(props.initial?.name ?? '');
  const [description, setDescription] = createSignal(props.initial?.description ?? '');
  const [selected, setSelected] = createSignal<string[]>(props.initial?.permissions ?? []);
  const [problem, setProblem] = createSignal<Problem | null>(null);
  const builtIn = () => Boolean(props.initial?.builtIn);
  return (
    <form
      class="form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        const p = checkRequired(name());
        setProblem(p);
        if (p) return;
        props.onSubmit({ name: name().trim(), description: description().trim(), permissions: selected() });
      }}
    >
      <Show when={props.error && !fieldError(props.error, 'name')}>
        <ErrorNotice error={props.error!} />
      </Show>
      <Show when={builtIn()}>
        <p class="notice notice-info notice-compact">{t('roles.builtInNote')}</p>
      </Show>
      <div class="form-row">
        <TextField
          label={t('roles.name')}
          name="roleName"
          value={name()}
          onValue={setName}
          disabled={builtIn()}
          error={problem() ? t(problem()!.key) : fieldError(props.error, 'name')}
          data-autofocus={!builtIn() || undefined}
        />
        <TextField label={t('roles.description')} name="roleDescription" optional value={description()} onValue={setDescription} />
      </div>
      <div class="field">
        <span class="field-label" id="permissions-label">
          {t('roles.permissions')}
        </span>
        <PermissionEditor permissions={props.permissions} selected={selected()} onChange={setSelected} />
      </div>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={props.busy}>
          {props.busy ? t('common.saving') : props.initial ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
