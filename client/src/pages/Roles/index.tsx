import { createMutation, createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { confirmAction } from '../../components/ConfirmDialog.tsx';
import { usePermissionText, useRoleName } from '../../components/roles/role-names.ts';
import { toast } from '../../components/Toasts.tsx';
import type { RoleFieldsFragment } from '../../gql/graphql.ts';
import { data, useI18n } from '../../i18n/index.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import { CreateRoleMutation, DeleteRoleMutation, RolesPageQuery, UpdateRoleMutation } from './documents.ts';
import { RateLimitsQuery } from '../../components/rate-limits/documents.ts';
import type { RoleFormValues } from './RoleForm.tsx';
import { RolesView } from './Roles.tsx';

export default function RolesPage() {
  const { t, tj } = useI18n();
  const viewer = useViewer();
  const roleName = useRoleName();
  // A built-in role by its translated name; any other as named (data).
  const shown = (role: RoleFieldsFragment) => (role.builtIn ? roleName(role) : data(role.name));
  const permission = usePermissionText();
  const [query, refetch] = createQuery({ query: RolesPageQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [createState, createRole] = createMutation(CreateRoleMutation);
  const [updateState, updateRole] = createMutation(UpdateRoleMutation);
  const [, deleteRole] = createMutation(DeleteRoleMutation);
  const [editing, setEditing] = createSignal<RoleFieldsFragment | 'new' | null>(null);
  // Rate limits are readable with users:read or quotas:write; a roles:write-only reader does not see the column.
  const readLimits = viewer.canAny('users:read', 'quotas:write');
  const [limits, refetchLimits] = createQuery({ query: RateLimitsQuery, variables: { scope: 'ROLE' as const }, pause: !readLimits });
  const [limiting, setLimiting] = createSignal<RoleFieldsFragment | null>(null);
  const limitsByRole = () => (readLimits ? new Map((limits.data?.rateLimits ?? []).map((l) => [l.targetId, l])) : null);
  const [saveError, setSaveError] = createSignal<CombinedError | null>(null);

  const update = async (target: RoleFieldsFragment, values: RoleFormValues) => {
    // Built-in roles keep their name (and, translated, their description).
    const input = target.builtIn ? { permissions: values.permissions } : values;
    const result = await updateRole({ id: target.id, input });
    if (result.error) return result.error;
    toast(tj('roles.saved', { name: shown(target) }));
    setEditing(null);
  };

  const save = async (values: RoleFormValues) => {
    setSaveError(null);
    const target = editing();
    if (!target) return;
    if (target === 'new') {
      const result = await createRole({ input: values });
      if (result.error) return setSaveError(result.error);
      toast(tj('roles.created', { name: data(values.name) }));
      setEditing(null);
      return reload();
    }
    const added = values.permissions.filter((p) => !target.permissions.includes(p));
    const removed = target.permissions.filter((p) => !values.permissions.includes(p));
    if (!added.length && !removed.length) {
      const failed = await update(target, values);
      if (failed) setSaveError(failed);
      return;
    }
    // Everyone holding the role gains or loses these at once: say so first.
    const list = (names: string[]) => names.map(permission.label).join(t('common.listSeparator'));
    confirmAction({
      title: tj('roles.changeTitle', { name: shown(target) }),
      body: [added.length ? t('roles.changeAdded', { list: list(added) }) : '', removed.length ? t('roles.changeRemoved', { list: list(removed) }) : '', t('roles.changeBody')]
        .filter(Boolean)
        .join(' '),
      confirmLabel: t('common.save'),
      run: () => update(target, values),
    });
  };

  const remove = (role: RoleFieldsFragment) =>
    confirmAction({
      title: tj('roles.deleteTitle', { name: shown(role) }),
      body: t('roles.deleteBody'),
      confirmLabel: t('common.delete'),
      danger: true,
      errorTitle: t('roles.deleteRefused'),
      run: async () => {
        const result = await deleteRole({ id: role.id });
        if (result.error) return result.error;
        toast(tj('roles.deleted', { name: shown(role) }));
        reload();
      },
    });

  return (
    <RolesView
      roles={query.data?.roles}
      permissions={query.data?.permissions ?? []}
      error={query.error}
      onRetry={reload}
      canWrite={viewer.can('roles:write')}
      editing={editing()}
      onEdit={(role) => {
        setSaveError(null);
        setEditing(role);
      }}
      saveBusy={createState.fetching || updateState.fetching}
      saveError={saveError()}
      onSave={save}
      onDelete={remove}
      rateLimits={limitsByRole()}
      canLimit={viewer.can('quotas:write')}
      limiting={limiting()}
      onLimit={setLimiting}
      onLimitChanged={() => refetchLimits({ requestPolicy: 'network-only' })}
    />
  );
}
