import { Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { QuotaBar } from '../../components/QuotaBar.tsx';
import { PageHeader } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import type { ApiKeyFieldsFragment, UserDetailQuery } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { UserForm, type UserFormValues } from '../Users/UserForm.tsx';
import { ApiKeyCreatedDialog } from './ApiKeyCreatedDialog.tsx';
import { ApiKeysPanel } from './ApiKeysPanel.tsx';
import { QuotaForm, type QuotaValues } from './QuotaForm.tsx';
import { RoleAssignment } from './RoleAssignment.tsx';

type Pending = { busy: boolean; error: CombinedError | null };

export interface UserDetailViewProps {
  user: UserDetailQuery['user'];
  roles: UserDetailQuery['roles'];
  isSelf: boolean;
  edit: Pending & { open: boolean; onOpen: () => void; onClose: () => void; onSubmit: (v: UserFormValues) => void };
  status: Pending & { onToggle: () => void };
  remove: Pending & { open: boolean; onOpen: () => void; onClose: () => void; onConfirm: () => void };
  roleAssignment: Pending & { onSubmit: (roleIds: string[]) => void };
  quota: Pending & { onSubmit: (v: QuotaValues) => void };
  keys: Pending & {
    creating: boolean;
    onCreateOpen: () => void;
    onCreateClose: () => void;
    onCreate: (v: { name: string; expiresAt: string | null }) => void;
    created: { name: string; secret: string } | null;
    onCreatedClose: () => void;
    revoking: ApiKeyFieldsFragment | null;
    onRevokeAsk: (key: ApiKeyFieldsFragment) => void;
    onRevokeClose: () => void;
    onRevokeConfirm: () => void;
    revokeBusy: boolean;
    revokeError: CombinedError | null;
  };
}

export function UserDetailView(props: UserDetailViewProps) {
  const { t, dateTime } = useI18n();
  const u = () => props.user;
  const active = () => u().status === 'ACTIVE';
  return (
    <section class="page">
      <PageHeader
        back={
          <Link to="/users" class="back-link">
            <Icon name="chevronLeft" size={16} />
            {t('user.backToList')}
          </Link>
        }
        title={u().name}
        subtitle={u().email}
        actions={
          <>
            <button type="button" class="btn btn-secondary" onClick={() => props.edit.onOpen()}>
              <Icon name="edit" size={16} />
              {t('common.edit')}
            </button>
            <Show when={!props.isSelf}>
              <button type="button" class="btn btn-secondary" disabled={props.status.busy} onClick={() => props.status.onToggle()}>
                <Icon name={active() ? 'pause' : 'play'} size={16} />
                {active() ? t('user.suspend') : t('user.reactivate')}
              </button>
              <button type="button" class="btn btn-danger-outline" onClick={() => props.remove.onOpen()}>
                <Icon name="trash" size={16} />
                {t('user.delete')}
              </button>
            </Show>
          </>
        }
      />
      <Show when={props.status.error}>
        {(error) => (
          <div class="notice notice-error" role="alert">
            <Icon name="alert" class="notice-icon" />
            <p class="notice-body">
              {error().graphQLErrors[0]?.message ?? error().message}{' '}
              <code class="error-code">{String(error().graphQLErrors[0]?.extensions?.code ?? '')}</code>
            </p>
          </div>
        )}
      </Show>
      <div class="grid grid-2">
        <div class="card card-pad">
          <h2 class="card-title">{t('user.details')}</h2>
          <dl class="details">
            <div>
              <dt>{t('user.status')}</dt>
              <dd>
                <StatusBadge status={u().status} />
              </dd>
            </div>
            <div>
              <dt>{t('user.email')}</dt>
              <dd>{u().email}</dd>
            </div>
            <div>
              <dt>{t('user.createdAt')}</dt>
              <dd>{dateTime(u().createdAt)}</dd>
            </div>
            <div>
              <dt>{t('user.updatedAt')}</dt>
              <dd>{dateTime(u().updatedAt)}</dd>
            </div>
          </dl>
          <h3 class="subheading">{t('user.todayUsage')}</h3>
          <div class="quota-stack">
            <QuotaBar label={t('usage.input')} used={u().todayUsage.inputTokens} limit={u().quota.dailyInputLimit} />
            <QuotaBar label={t('usage.output')} used={u().todayUsage.outputTokens} limit={u().quota.dailyOutputLimit} />
          </div>
        </div>
        <div class="card card-pad">
          <h2 class="card-title">{t('user.quotaTitle')}</h2>
          <QuotaForm initial={u().quota} busy={props.quota.busy} error={props.quota.error} onSubmit={props.quota.onSubmit} />
        </div>
      </div>
      <div class="card card-pad">
        <h2 class="card-title">{t('user.roles')}</h2>
        <RoleAssignment
          roles={props.roles}
          assigned={u().roles.map((r) => r.id)}
          busy={props.roleAssignment.busy}
          error={props.roleAssignment.error}
          onSubmit={props.roleAssignment.onSubmit}
        />
      </div>
      <div class="card">
        <ApiKeysPanel
          keys={u().apiKeys.edges.map((e) => e.node)}
          creating={props.keys.creating}
          onCreateOpen={props.keys.onCreateOpen}
          onCreateClose={props.keys.onCreateClose}
          createBusy={props.keys.busy}
          createError={props.keys.error}
          onCreate={props.keys.onCreate}
          onRevoke={props.keys.onRevokeAsk}
        />
      </div>

      <Show when={props.edit.open}>
        <Dialog title={t('user.editTitle')} onClose={props.edit.onClose}>
          <UserForm
            mode="edit"
            initial={{ name: u().name, email: u().email }}
            askCurrentPassword={props.isSelf}
            busy={props.edit.busy}
            error={props.edit.error}
            onSubmit={props.edit.onSubmit}
            onCancel={props.edit.onClose}
          />
        </Dialog>
      </Show>
      <Show when={props.remove.open}>
        <ConfirmDialog
          title={t('user.deleteTitle', { name: u().name })}
          body={t('user.deleteBody')}
          confirmLabel={t('common.delete')}
          danger
          busy={props.remove.busy}
          error={props.remove.error}
          onConfirm={props.remove.onConfirm}
          onClose={props.remove.onClose}
        />
      </Show>
      <Show when={props.keys.revoking}>
        {(key) => (
          <ConfirmDialog
            title={t('keys.revokeTitle', { name: key().name })}
            body={t('keys.revokeBody')}
            confirmLabel={t('keys.revoke')}
            danger
            busy={props.keys.revokeBusy}
            error={props.keys.revokeError}
            onConfirm={props.keys.onRevokeConfirm}
            onClose={props.keys.onRevokeClose}
          />
        )}
      </Show>
      <Show when={props.keys.created}>
        {(created) => <ApiKeyCreatedDialog name={created().name} secret={created().secret} onClose={props.keys.onCreatedClose} />}
      </Show>
    </section>
  );
}
