import { createMutation, createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { confirmAction } from '../../components/ConfirmDialog.tsx';
import { useRoleName } from '../../components/roles/role-names.ts';
import { Loaded } from '../../components/Loaded.tsx';
import { toast } from '../../components/Toasts.tsx';
import type { UserFormValues } from '../../components/users/UserForm.tsx';
import { data, useI18n } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import { DeleteUserMutation, SetQuotaMutation, SetUserRolesMutation, SetUserStatusMutation, UpdateUserMutation, UserDetailQuery } from './documents.ts';
import type { QuotaValues } from './QuotaForm.tsx';
import { ROLE_ASSIGNMENT_ERRORS } from './RoleAssignment.tsx';
import { UserDetailView } from './UserDetail.tsx';

export default function UserDetailPage(props: { id: string }) {
  const { t, tj } = useI18n();
  const viewer = useViewer();
  const roleName = useRoleName();
  const [query, refetch] = createQuery({ query: UserDetailQuery, variables: () => ({ id: props.id }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // Acting on an account is acting as its user: the gateway refuses it when they hold a permission the reader does not.
  const outranks = (user: { roles: readonly { permissions: readonly string[] }[] }) => user.roles.some((r) => r.permissions.some((p) => !viewer.permissions.has(p)));
  const name = () => query.data?.user.name ?? '';

  const [updateState, updateUser] = createMutation(UpdateUserMutation);
  const [, setStatus] = createMutation(SetUserStatusMutation);
  const [, deleteUser] = createMutation(DeleteUserMutation);
  const [rolesState, setRoles] = createMutation(SetUserRolesMutation);
  const [quotaState, setQuota] = createMutation(SetQuotaMutation);

  const [editing, setEditing] = createSignal(false);
  const [editError, setEditError] = createSignal<CombinedError | null>(null);
  const [rolesError, setRolesError] = createSignal<CombinedError | null>(null);
  const [quotaError, setQuotaError] = createSignal<CombinedError | null>(null);

  const onEdit = async (values: UserFormValues) => {
    setEditError(null);
    const result = await updateUser({ id: props.id, input: { name: values.name, email: values.email, password: values.password || null } });
    if (result.error) return setEditError(result.error);
    setEditing(false);
    toast(t('users.updated'));
  };
  // Suspending and reactivating change who may sign in and call the API: asked first, like deleting.
  const onToggleStatus = () => {
    const suspend = query.data?.user.status === 'ACTIVE';
    confirmAction({
      title: tj(suspend ? 'user.suspendTitle' : 'user.reactivateTitle', { name: data(name()) }),
      body: t(suspend ? 'user.suspendBody' : 'user.reactivateBody'),
      confirmLabel: t(suspend ? 'user.suspend' : 'user.reactivate'),
      danger: suspend,
      errorContext: { CONFLICT: 'error.CONFLICT.lastAdmin' },
      run: async () => {
        const result = await setStatus({ id: props.id, status: suspend ? 'SUSPENDED' : 'ACTIVE' });
        if (result.error) return result.error;
        toast(tj(suspend ? 'user.suspended' : 'user.reactivated', { name: data(name()) }), suspend ? 'info' : 'success');
        reload();
      },
    });
  };
  const onDelete = () => {
    const deletedName = name();
    confirmAction({
      title: tj('user.deleteTitle', { name: data(deletedName) }),
      body: t('user.deleteBody'),
      confirmLabel: t('common.delete'),
      danger: true,
      errorContext: { CONFLICT: 'error.CONFLICT.lastAdmin' },
      run: async () => {
        const result = await deleteUser({ id: props.id });
        if (result.error) return result.error;
        toast(tj('users.deleted', { name: data(deletedName) }));
        navigate('/users');
      },
    });
  };
  // Roles are permissions: the new set is named before it is saved.
  const onRoles = (roleIds: string[]) => {
    const names = (query.data?.roles ?? []).filter((r) => roleIds.includes(r.id)).map((r) => roleName(r));
    confirmAction({
      title: tj('user.rolesConfirmTitle', { name: data(name()) }),
      body: names.length ? tj('user.rolesConfirmBody', { roles: data(names.join(t('common.listSeparator'))) }) : t('user.rolesConfirmNone'),
      confirmLabel: t('common.save'),
      errorContext: ROLE_ASSIGNMENT_ERRORS,
      run: async () => {
        setRolesError(null);
        const result = await setRoles({ userId: props.id, roleIds });
        if (result.error) return result.error;
        toast(t('user.rolesSaved'));
        reload();
      },
    });
  };
  const onQuota = async (values: QuotaValues) => {
    setQuotaError(null);
    const result = await setQuota({ userId: props.id, ...values });
    if (result.error) return setQuotaError(result.error);
    // The answer is the quota with its id: the cache updates the page in place, with no refetch.
    toast(t('user.quotaSaved'));
  };

  return (
    <Loaded data={query.data} error={query.error} onRetry={reload}>
      {(data) => (
        <UserDetailView
          user={data().user}
          roles={data().roles}
          outranks={outranks(data().user)}
          can={{
            edit: viewer.can('users:write') && !outranks(data().user),
            setQuota: viewer.can('quotas:write'),
            manageKeys: viewer.can('apikeys:write') && !outranks(data().user),
          }}
          edit={{ open: editing(), busy: updateState.fetching, error: editError(), onOpen: () => (setEditError(null), setEditing(true)), onClose: () => setEditing(false), onSubmit: onEdit }}
          onToggleStatus={onToggleStatus}
          onDelete={onDelete}
          roleAssignment={{ busy: rolesState.fetching, error: rolesError(), onSubmit: onRoles }}
          quota={{ busy: quotaState.fetching, error: quotaError(), onSubmit: onQuota }}
          onKeysChanged={reload}
        />
      )}
    </Loaded>
  );
}
