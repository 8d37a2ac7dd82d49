import { createMutation, createQuery } from '@urql/solid';
import { createSignal, onCleanup } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { cursorStack } from '../../components/Pager.tsx';
import { toast } from '../../components/Toasts.tsx';
import type { UserStatus } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.tsx';
import { CreateUserMutation, RoleOptionsQuery, UsersPageQuery } from './documents.ts';
import type { UserFormValues } from './UserForm.tsx';
import { UsersView } from './Users.tsx';

const PAGE_SIZE = 20;

export default function UsersPage() {
  const { t } = useI18n();
  const [searchInput, setSearchInput] = createSignal('');
  const [search, setSearch] = createSignal('');
  const [status, setStatus] = createSignal<UserStatus | ''>('');
  const cursors = cursorStack();

  let debounce: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(debounce));
  const resetPaging = () => cursors.reset();

  const [users, refetch] = createQuery({
    query: UsersPageQuery,
    variables: () => ({ search: search() || null, status: status() || null, first: PAGE_SIZE, after: cursors.after() }),
  });
  const [roles] = createQuery({ query: RoleOptionsQuery });

  const [creating, setCreating] = createSignal(false);
  const [createState, createUser] = createMutation(CreateUserMutation);
  const [createError, setCreateError] = createSignal<CombinedError | null>(null);

  const create = async (values: UserFormValues) => {
    setCreateError(null);
    const result = await createUser({
      input: { name: values.name, email: values.email, password: values.password || null, roleIds: values.roleIds },
    });
    if (result.error) return setCreateError(result.error);
    setCreating(false);
    toast(t('users.created', { name: values.name }));
    refetch({ requestPolicy: 'network-only' });
    if (result.data) navigate(`/users/${result.data.createUser.id}`);
  };

  return (
    <UsersView
      search={searchInput()}
      status={status()}
      onSearch={(value) => {
        setSearchInput(value);
        clearTimeout(debounce);
        debounce = setTimeout(() => {
          resetPaging();
          setSearch(value.trim());
        }, 250);
      }}
      onStatus={(value) => {
        resetPaging();
        setStatus(value);
      }}
      loading={users.fetching}
      error={users.data ? undefined : users.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      users={users.data?.users.edges.map((e) => e.node)}
      totalCount={users.data?.users.totalCount ?? 0}
      page={cursors.page()}
      hasNext={users.data?.users.pageInfo.hasNextPage ?? false}
      onPrevious={() => {
        cursors.previous();
      }}
      onNext={() => {
        cursors.next(users.data?.users.pageInfo.endCursor);
      }}
      creating={creating()}
      onCreateOpen={() => {
        setCreateError(null);
        setCreating(true);
      }}
      onCreateClose={() => setCreating(false)}
      createBusy={createState.fetching}
      createError={createError()}
      onCreate={create}
      roles={roles.data?.roles ?? []}
    />
  );
}
