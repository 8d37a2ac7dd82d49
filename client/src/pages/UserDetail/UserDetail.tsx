import { For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ApiKeys } from '../../components/ApiKeys/ApiKeys.tsx';
import { Card } from '../../components/Card.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { QuotaBar } from '../../components/QuotaBar.tsx';
import { RoleChip } from '../../components/roles/RoleChip.tsx';
import { PageHeader } from '../../components/States.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { UserForm, type UserFormValues } from '../../components/users/UserForm.tsx';
import type { UserDetailQuery } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { QuotaForm, type QuotaValues } from './QuotaForm.tsx';
import { RateLimitPanel } from '../../components/rate-limits/RateLimitPanel.tsx';
import { RoleAssignment } from './RoleAssignment.tsx';

type Pending = { busy: boolean; error: CombinedError | null };

/** What the reader may do here (users:write, quotas:write, apikeys:write). */
export interface UserDetailAbilities {
  edit: boolean;
  setQuota: boolean;
  manageKeys: boolean;
}

export interface UserDetailViewProps {
  user: UserDetailQuery['user'];
  /** The user holds permissions the reader does not: the account is theirs to read, not to change. */
  outranks: boolean;
  roles: UserDetailQuery['roles'];
  can: UserDetailAbilities;
  edit: Pending & { open: boolean; onOpen: () => void; onClose: () => void; onSubmit: (v: UserFormValues) => void };
  onToggleStatus: () => void;
  onDelete: () => void;
  roleAssignment: Pending & { onSubmit: (roleIds: string[]) => void };
  quota: Pending & { onSubmit: (v: QuotaValues) => void };
  onKeysChanged: () => void;
}

export function UserDetailView(props: UserDetailViewProps) {
  const { t, dateTime, num } = useI18n();
  const u = () => props.user;
  const active = () => u().status === 'ACTIVE';
  const limit = (value: number | null) => (value === null ? t('common.unlimited') : t('unit.tokens', { count: num(value) }));
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
        dataTitle
        actions={
          <Show when={props.can.edit}>
            <button type="button" class="btn btn-secondary" onClick={() => props.edit.onOpen()}>
              <Icon name="edit" size={16} />
              {t('common.edit')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => props.onToggleStatus()}>
              <Icon name={active() ? 'pause' : 'play'} size={16} />
              {active() ? t('user.suspend') : t('user.reactivate')}
            </button>
            <button type="button" class="btn btn-danger-outline" onClick={() => props.onDelete()}>
              <Icon name="trash" size={16} />
              {t('user.delete')}
            </button>
          </Show>
        }
      />
      <Show when={props.outranks}>
        <p class="notice notice-info notice-compact" data-testid="user-outranks">
          {t('user.outranksNote')}
        </p>
      </Show>
      <div class="grid grid-2">
        <Card title={t('user.details')} pad>
          <dl class="details">
            <div>
              <dt>{t('user.status')}</dt>
              <dd>
                <StatusBadge status={u().status} />
              </dd>
            </div>
            <div>
              <dt>{t('user.email')}</dt>
              <dd translate="no">{u().email}</dd>
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
        </Card>
        <Card title={t('user.quotaTitle')} pad>
          <Show
            when={props.can.setQuota}
            fallback={
              <dl class="details" data-testid="quota-readonly">
                <div>
                  <dt>{t('user.quotaInput')}</dt>
                  <dd>{limit(u().quota.dailyInputLimit)}</dd>
                </div>
                <div>
                  <dt>{t('user.quotaOutput')}</dt>
                  <dd>{limit(u().quota.dailyOutputLimit)}</dd>
                </div>
              </dl>
            }
          >
            <QuotaForm initial={u().quota} busy={props.quota.busy} error={props.quota.error} onSubmit={props.quota.onSubmit} />
          </Show>
        </Card>
        <Card title={t('rateLimits.title')} pad>
          <RateLimitPanel scope="USER" targetId={u().id} canWrite={props.can.setQuota} />
        </Card>
      </div>
      <Card title={t('user.roles')} pad>
        <Show
          when={props.can.edit}
          fallback={
            <Show when={u().roles.length} fallback={<p class="muted">{t('users.noRoles')}</p>}>
              <span class="chips" data-testid="roles-readonly">
                <For each={u().roles}>{(role) => <RoleChip role={role} />}</For>
              </span>
            </Show>
          }
        >
          <RoleAssignment
            roles={props.roles}
            assigned={u().roles.map((r) => r.id)}
            busy={props.roleAssignment.busy}
            error={props.roleAssignment.error}
            onSubmit={props.roleAssignment.onSubmit}
          />
        </Show>
      </Card>
      <ApiKeys
        keys={u().apiKeys.edges.map((e) => e.node)}
        ownerId={u().id}
        hint={t('keys.hint')}
        canManage={props.can.manageKeys}
        onChanged={props.onKeysChanged}
      />

      <Show when={props.edit.open}>
        <Dialog title={t('user.editTitle')} onClose={props.edit.onClose}>
          <UserForm
            mode="edit"
            initial={{ name: u().name, email: u().email }}
            busy={props.edit.busy}
            error={props.edit.error}
            onSubmit={props.edit.onSubmit}
            onCancel={props.edit.onClose}
          />
        </Dialog>
      </Show>
    </section>
  );
}
