import { For, Show } from 'solid-js';
import { QuotaBar } from '../../components/QuotaBar.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import type { UserRowFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../lib/router.tsx';

export function UsersTable(props: { users: readonly UserRowFragment[]; caption: string }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.col.user')}</th>
            <th scope="col">{t('users.col.status')}</th>
            <th scope="col">{t('users.col.roles')}</th>
            <th scope="col" class="col-quota">
              {t('users.col.today')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.users}>
            {(user) => (
              <tr data-testid="user-row">
                <td>
                  <Link to={`/users/${user.id}`} class="user-cell">
                    <span class="avatar avatar-sm" aria-hidden="true">
                      {user.name.trim().slice(0, 1).toUpperCase()}
                    </span>
                    <span class="user-cell-text">
                      <span class="user-cell-name">{user.name}</span>
                      <span class="user-cell-email">{user.email}</span>
                    </span>
                  </Link>
                </td>
                <td>
                  <StatusBadge status={user.status} />
                </td>
                <td>
                  <Show when={user.roles.length} fallback={<span class="muted">{t('users.noRoles')}</span>}>
                    <div class="chips">
                      <For each={user.roles}>{(role) => <span class="chip">{role.name}</span>}</For>
                    </div>
                  </Show>
                </td>
                <td class="col-quota">
                  <div class="quota-pair">
                    <QuotaBar label={t('quota.input')} used={user.todayUsage.inputTokens} limit={user.quota.dailyInputLimit} />
                    <QuotaBar label={t('quota.output')} used={user.todayUsage.outputTokens} limit={user.quota.dailyOutputLimit} />
                  </div>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
