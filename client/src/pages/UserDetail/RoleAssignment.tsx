import { createSignal, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/index.tsx';

export interface RoleAssignmentProps {
  roles: readonly { id: string; name: string; description: string }[];
  assigned: readonly string[];
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (roleIds: string[]) => void;
}

export function RoleAssignment(props: RoleAssignmentProps) {
  const { t } = useI18n();
  const [selected, setSelected] = createSignal<string[]>([...props.assigned]);
  const changed = () => {
    const a = [...selected()].sort().join();
    return a !== [...props.assigned].sort().join();
  };
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(selected());
      }}
    >
      <Show when={props.error}>{(error) => <ErrorNotice error={error()} />}</Show>
      <fieldset class="fieldset">
        <legend class="sr-only">{t('user.roles')}</legend>
        <div class="check-list">
          <For each={props.roles}>
            {(role) => (
              <label class="check">
                <input
                  type="checkbox"
                  name="role"
                  value={role.id}
                  checked={selected().includes(role.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setSelected((ids) => (on ? [...ids, role.id] : ids.filter((id) => id !== role.id)));
                  }}
                />
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
      <p class="field-hint">{t('user.rolesHint')}</p>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={props.busy || !changed()}>
          {props.busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
