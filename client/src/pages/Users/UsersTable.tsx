import { For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import type { ServerPaging } from '../../components/DataTable/paging.ts';
import { QuotaBar } from '../../components/QuotaBar.tsx';
import { RoleChip } from '../../components/roles/RoleChip.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { UserCell } from '../../components/users/UserCell.tsx';
import type { UserRowFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';

export interface UsersTableProps {
  users: readonly UserRowFragment[] | undefined;
  caption: string;
  error?: CombinedError;
  onRetry?: () => void;
  paging?: ServerPaging;
  empty?: { title: string; hint?: string };
}

export function UsersTable(props: UsersTableProps) {
  const { t } = useI18n();
  const columns = (): Column<UserRowFragment>[] => [
    { id: 'user', header: t('users.col.user'), rowHeader: true, cell: (user) => <UserCell user={user} avatar /> },
    { id: 'status', header: t('users.col.status'), cell: (user) => <StatusBadge status={user.status} /> },
    {
      id: 'roles',
      header: t('users.col.roles'),
      cell: (user) => (
        <Show when={user.roles.length} fallback={<span class="muted">{t('users.noRoles')}</span>}>
          <span class="chips">
            <For each={user.roles}>{(role) => <RoleChip role={role} />}</For>
          </span>
        </Show>
      ),
    },
    {
      id: 'today',
      header: t('users.col.today'),
      class: 'col-quota',
      cell: (user) => (
        <div class="quota-pair">
          <QuotaBar label={t('quota.input')} used={user.todayUsage.inputTokens} limit={user.quota.dailyInputLimit} />
          <QuotaBar label={t('quota.output')} used={user.todayUsage.outputTokens} limit={user.quota.dailyOutputLimit} />
        </div>
      ),
    },
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns()}
      rows={props.users}
      error={props.error}
      onRetry={props.onRetry}
      rowTestId="user-row"
      paging={props.paging}
      empty={{ title: props.empty?.title ?? t('users.empty'), hint: props.empty?.hint, icon: 'users' }}
    />
  );
}
