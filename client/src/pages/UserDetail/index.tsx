import { createMutation, createQuery } from '@urql/solid';
import { createSignal, Match, Switch } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Loading } from '../../components/States.tsx';
import { toast } from '../../components/Toasts.tsx';
import type { ApiKeyFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.tsx';
import { session } from '../../lib/session.ts';
import type { UserFormValues } from '../Users/UserForm.tsx';
import {
  CreateApiKeyMutation,
  DeleteUserMutation,
  RevokeApiKeyMutation,
  SetQuotaMutation,
  SetUserRolesMutation,
  SetUserStatusMutation,
  UpdateUserMutation,
  UserDetailQuery,
} from './documents.ts';
import type { QuotaValues } from './QuotaForm.tsx';
import { UserDetailView } from './UserDetail.tsx';

/** One piece of pending state per action: its error stays until the action is tried again. */
function action() {
  const [error, setError] = createSignal<CombinedError | null>(null);
  return { error, setError };
}

export default function UserDetailPage(props: { id: string }) {
  const { t } = useI18n();
  const [query, refetch] = createQuery({ query: UserDetailQuery, variables: () => ({ id: props.id }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const name = () => query.data?.user.name ?? '';

  const [updateState, updateUser] = createMutation(UpdateUserMutation);
  const [statusState, setStatus] = createMutation(SetUserStatusMutation);
  const [deleteState, deleteUser] = createMutation(DeleteUserMutation);
  const [rolesState, setRoles] = createMutation(SetUserRolesMutation);
  const [quotaState, setQuota] = createMutation(SetQuotaMutation);
  const [createKeyState, createKey] = createMutation(CreateApiKeyMutation);
  const [revokeState, revokeKey] = createMutation(RevokeApiKeyMutation);

  const edit = action();
  const status = action();
  const remove = action();
  const roles = action();
  const quota = action();
  const keys = action();
  const revoke = action();
  const [editing, setEditing] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [creatingKey, setCreatingKey] = createSignal(false);
  const [created, setCreated] = createSignal<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = createSignal<ApiKeyFieldsFragment | null>(null);

  const onEdit = async (values: UserFormValues) => {
    edit.setError(null);
    const result = await updateUser({ id: props.id, input: { name: values.name, email: values.email, password: values.password || null, currentPassword: values.currentPassword || null } });
    if (result.error) return edit.setError(result.error);
    setEditing(false);
    toast(t('users.updated'));
  };
  const onToggleStatus = async () => {
    status.setError(null);
    const next = query.data?.user.status === 'ACTIVE' ? 'SUSPENDED' : 'ACTIVE';
    const result = await setStatus({ id: props.id, status: next });
    if (result.error) return status.setError(result.error);
    toast(next === 'ACTIVE' ? t('user.reactivated', { name: name() }) : t('user.suspended', { name: name() }), next === 'ACTIVE' ? 'success' : 'info');
  };
  const onDelete = async () => {
    remove.setError(null);
    const deletedName = name();
    const result = await deleteUser({ id: props.id }, { additionalTypenames: ['User'] });
    if (result.error) return remove.setError(result.error);
    setDeleting(false);
    toast(t('users.deleted', { name: deletedName }));
    navigate('/users');
  };
  const onRoles = async (roleIds: string[]) => {
    roles.setError(null);
    const result = await setRoles({ userId: props.id, roleIds });
    if (result.error) return roles.setError(result.error);
    toast(t('user.rolesSaved'));
  };
  const onQuota = async (values: QuotaValues) => {
    quota.setError(null);
    const result = await setQuota({ userId: props.id, ...values });
    if (result.error) return quota.setError(result.error);
    toast(t('user.quotaSaved'));
    reload();
  };
  const onCreateKey = async (values: { name: string; expiresAt: string | null }) => {
    keys.setError(null);
    const result = await createKey({ userId: props.id, name: values.name, expiresAt: values.expiresAt });
    if (result.error) return keys.setError(result.error);
    setCreatingKey(false);
    setCreated({ name: values.name, secret: result.data!.createApiKey.secret });
    reload();
  };
  const onRevoke = async () => {
    const key = revoking();
    if (!key) return;
    revoke.setError(null);
    const result = await revokeKey({ id: key.id });
    if (result.error) return revoke.setError(result.error);
    setRevoking(null);
    toast(t('keys.revokedToast', { name: key.name }));
  };

  return (
    <Switch>
      <Match when={query.data} keyed={false}>
        <UserDetailView
          user={query.data!.user}
          roles={query.data!.roles}
          isSelf={session()?.user.id === props.id}
          edit={{ open: editing(), busy: updateState.fetching, error: edit.error(), onOpen: () => (edit.setError(null), setEditing(true)), onClose: () => setEditing(false), onSubmit: onEdit }}
          status={{ busy: statusState.fetching, error: status.error(), onToggle: onToggleStatus }}
          remove={{ open: deleting(), busy: deleteState.fetching, error: remove.error(), onOpen: () => (remove.setError(null), setDeleting(true)), onClose: () => setDeleting(false), onConfirm: onDelete }}
          roleAssignment={{ busy: rolesState.fetching, error: roles.error(), onSubmit: onRoles }}
          quota={{ busy: quotaState.fetching, error: quota.error(), onSubmit: onQuota }}
          keys={{
            busy: createKeyState.fetching,
            error: keys.error(),
            creating: creatingKey(),
            onCreateOpen: () => (keys.setError(null), setCreatingKey(true)),
            onCreateClose: () => setCreatingKey(false),
            onCreate: onCreateKey,
            created: created(),
            onCreatedClose: () => setCreated(null),
            revoking: revoking(),
            onRevokeAsk: (key) => (revoke.setError(null), setRevoking(key)),
            onRevokeClose: () => setRevoking(null),
            onRevokeConfirm: onRevoke,
            revokeBusy: revokeState.fetching,
            revokeError: revoke.error(),
          }}
        />
      </Match>
      <Match when={query.error}>
        {(error) => (
          <section class="page">
            <ErrorNotice error={error()} onRetry={reload} />
          </section>
        )}
      </Match>
      <Match when={true}>
        <Loading />
      </Match>
    </Switch>
  );
}
