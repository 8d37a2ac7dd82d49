import { createMutation, createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { toast } from '../../components/Toasts.tsx';
import type { RoleFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CreateRoleMutation, DeleteRoleMutation, RolesPageQuery, UpdateRoleMutation } from './documents.ts';
import type { RoleFormValues } from './RoleForm.tsx';
import { RolesView } from './Roles.tsx';

export default function RolesPage() {
  const { t } = useI18n();
  const [query, refetch] = createQuery({ query: RolesPageQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [createState, createRole] = createMutation(CreateRoleMutation);
  const [updateState, updateRole] = createMutation(UpdateRoleMutation);
  const [deleteState, deleteRole] = createMutation(DeleteRoleMutation);
  const [editing, setEditing] = createSignal<RoleFieldsFragment | 'new' | null>(null);
  const [saveError, setSaveError] = createSignal<CombinedError | null>(null);
  const [deleting, setDeleting] = createSignal<RoleFieldsFragment | null>(null);
  const [deleteError, setDeleteError] = createSignal<CombinedError | null>(null);

  const save = async (values: RoleFormValues) => {
    setSaveError(null);
    const target = editing();
    if (!target) return;
    if (target === 'new') {
      const result = await createRole({ input: values });
      if (result.error) return setSaveError(result.error);
      toast(t('roles.created', { name: values.name }));
      reload();
    } else {
      // Built-in roles keep their name; sending it unchanged would still be refused as a rename by some servers.
      const input = target.builtIn ? { description: values.description, permissions: values.permissions } : values;
      const result = await updateRole({ id: target.id, input });
      if (result.error) return setSaveError(result.error);
      toast(t('roles.saved', { name: values.name }));
    }
    setEditing(null);
  };

  const confirmDelete = async () => {
    const role = deleting();
    if (!role) return;
    setDeleteError(null);
    const result = await deleteRole({ id: role.id }, { additionalTypenames: ['Role'] });
    if (result.error) return setDeleteError(result.error);
    setDeleting(null);
    toast(t('roles.deleted', { name: role.name }));
    reload();
  };

  return (
    <RolesView
      roles={query.data?.roles}
      permissions={query.data?.permissions ?? []}
      error={query.data ? undefined : query.error}
      onRetry={reload}
      editing={editing()}
      onEdit={(role) => {
        setSaveError(null);
        setEditing(role);
      }}
      saveBusy={createState.fetching || updateState.fetching}
      saveError={saveError()}
      onSave={save}
      deleting={deleting()}
      onDeleteAsk={(role) => {
        setDeleteError(null);
        setDeleting(role);
      }}
      deleteBusy={deleteState.fetching}
      deleteError={deleteError()}
      onDeleteConfirm={confirmDelete}
    />
  );
}
