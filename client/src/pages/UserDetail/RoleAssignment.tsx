import { createSignal, For } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { CheckField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { useRoleDescription, useRoleName } from '../../components/roles/role-names.ts';
import { useI18n } from '../../i18n/index.tsx';

export interface RoleAssignmentProps {
  roles: readonly { id: string; name: string; description: string; builtIn: boolean }[];
  assigned: readonly string[];
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (roleIds: string[]) => void;
}

/** Refusals of a role change: the last admin keeps the admin role. */
export const ROLE_ASSIGNMENT_ERRORS = { CONFLICT: 'error.CONFLICT.lastAdmin', FORBIDDEN: 'error.FORBIDDEN.grant' } as const;

export function RoleAssignment(props: RoleAssignmentProps) {
  const { t } = useI18n();
  const roleName = useRoleName();
  const roleDescription = useRoleDescription();
  const [selected, setSelected] = createSignal<string[]>([...props.assigned]);
  const changed = () => [...selected()].sort().join() !== [...props.assigned].sort().join();
  return (
    <Form onSubmit={() => props.onSubmit(selected())} error={props.error} errorContext={ROLE_ASSIGNMENT_ERRORS} label={t('user.roles')}>
      <fieldset class="fieldset">
        <legend class="sr-only">{t('user.roles')}</legend>
        <div class="check-list">
          <For each={props.roles}>
            {(role) => (
              <CheckField
                name="role"
                label={roleName(role)}
                dataLabel={!role.builtIn}
                description={roleDescription(role) || undefined}
                checked={selected().includes(role.id)}
                onChange={(on) => setSelected((ids) => (on ? [...ids, role.id] : ids.filter((id) => id !== role.id)))}
              />
            )}
          </For>
        </div>
      </fieldset>
      <p class="field-hint">{t('user.rolesHint')}</p>
      <FormActions busy={props.busy} disabled={!changed()} />
    </Form>
  );
}
