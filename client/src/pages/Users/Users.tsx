import { createUniqueId, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { ServerPaging } from '../../components/DataTable/paging.ts';
import { Icon } from '../../components/Icon.tsx';
import { Loading, PageHeader } from '../../components/States.tsx';
import { UserForm, type UserFormValues } from '../../components/users/UserForm.tsx';
import type { UserRowFragment, UserStatus } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { UsersTable } from './UsersTable.tsx';
import './Users.css';

export interface UsersViewProps {
  search: string;
  status: UserStatus | '';
  onSearch: (value: string) => void;
  onStatus: (value: UserStatus | '') => void;
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  users: readonly UserRowFragment[] | undefined;
  paging: ServerPaging;
  /** Creating users needs users:write. */
  canCreate: boolean;
  creating: boolean;
  onCreateOpen: () => void;
  onCreateClose: () => void;
  createBusy: boolean;
  createError: CombinedError | null;
  onCreate: (values: UserFormValues) => void;
  roles: readonly { id: string; name: string; description: string; builtIn: boolean }[];
}

export function UsersView(props: UsersViewProps) {
  const { t } = useI18n();
  const searchId = createUniqueId();
  const statusId = createUniqueId();
  const statuses: UserStatus[] = ['ACTIVE', 'SUSPENDED', 'DISABLED'];
  return (
    <section class="page">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <Show when={props.canCreate}>
            <button type="button" class="btn btn-primary" onClick={() => props.onCreateOpen()}>
              <Icon name="plus" size={16} />
              {t('users.add')}
            </button>
          </Show>
        }
      />
      <div class="card">
        <div class="toolbar" role="search">
          <div class="search-box">
            <Icon name="search" size={16} />
            <label for={searchId} class="sr-only">
              {t('users.searchLabel')}
            </label>
            <input
              id={searchId}
              class="input"
              type="search"
              placeholder={t('users.searchPlaceholder')}
              value={props.search}
              onInput={(e) => props.onSearch(e.currentTarget.value)}
            />
          </div>
          <div class="toolbar-field">
            <label for={statusId}>{t('users.statusFilter')}</label>
            <select id={statusId} class="input select" onChange={(e) => props.onStatus(e.currentTarget.value as UserStatus | '')}>
              <option value="" selected={props.status === ''}>
                {t('common.all')}
              </option>
              <For each={statuses}>
                {(s) => (
                  <option value={s} selected={props.status === s}>
                    {t(`status.${s}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <Show when={props.loading && props.users}>
            <Loading inline />
          </Show>
        </div>
        <UsersTable
          users={props.users}
          caption={t('users.title')}
          error={props.error}
          onRetry={props.onRetry}
          paging={props.paging}
          empty={{ title: t('users.empty'), hint: props.canCreate ? t('users.emptyHint') : t('users.emptyHintReadOnly') }}
        />
      </div>
      <Show when={props.creating}>
        <Dialog title={t('user.createTitle')} onClose={props.onCreateClose}>
          <UserForm mode="create" roles={props.roles} busy={props.createBusy} error={props.createError} onSubmit={props.onCreate} onCancel={props.onCreateClose} />
        </Dialog>
      </Show>
    </section>
  );
}
