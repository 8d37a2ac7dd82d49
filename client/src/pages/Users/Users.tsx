import { createUniqueId, For, Match, Show, Switch } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Pager } from '../../components/Pager.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/States.tsx';
import type { UserRowFragment, UserStatus } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { UserForm, type UserFormValues } from './UserForm.tsx';
import { UsersTable } from './UsersTable.tsx';

export interface UsersViewProps {
  search: string;
  status: UserStatus | '';
  onSearch: (value: string) => void;
  onStatus: (value: UserStatus | '') => void;
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  users: readonly UserRowFragment[] | undefined;
  totalCount: number;
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  creating: boolean;
  onCreateOpen: () => void;
  onCreateClose: () => void;
  createBusy: boolean;
  createError: CombinedError | null;
  onCreate: (values: UserFormValues) => void;
  roles: readonly { id: string; name: string; description: string }[];
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
          <button type="button" class="btn btn-primary" onClick={() => props.onCreateOpen()}>
            <Icon name="plus" size={16} />
            {t('users.add')}
          </button>
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
        <Switch>
          <Match when={props.error}>{(error) => <div class="card-pad"><ErrorNotice error={error()} onRetry={props.onRetry} /></div>}</Match>
          <Match when={!props.users}>
            <Loading />
          </Match>
          <Match when={props.users!.length === 0}>
            <EmptyState title={t('users.empty')} hint={t('users.emptyHint')} icon="users" />
          </Match>
          <Match when={props.users}>
            {(users) => (
              <>
                <UsersTable users={users()} caption={t('users.title')} />
                <Pager
                  label={t('users.title')}
                  page={props.page}
                  totalCount={props.totalCount}
                  hasNext={props.hasNext}
                  onPrevious={props.onPrevious}
                  onNext={props.onNext}
                />
              </>
            )}
          </Match>
        </Switch>
      </div>
      <Show when={props.creating}>
        <Dialog title={t('user.createTitle')} onClose={props.onCreateClose}>
          <UserForm mode="create" roles={props.roles} busy={props.createBusy} error={props.createError} onSubmit={props.onCreate} onCancel={props.onCreateClose} />
        </Dialog>
      </Show>
    </section>
  );
}
