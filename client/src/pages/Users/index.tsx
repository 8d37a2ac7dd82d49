import { createMutation, createQuery } from '@urql/solid';
import { createSignal, onCleanup } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { createServerPaging } from '../../components/DataTable/paging.ts';
import { toast } from '../../components/Toasts.tsx';
import type { UserFormValues } from '../../components/users/UserForm.tsx';
import type { UserStatus } from '../../gql/graphql.ts';
import { data, useI18n } from '../../i18n/index.tsx';
import { navigate } from '../../lib/router.tsx';
import { createUrlState } from '../../lib/url-state.ts';
import { useViewer } from '../../lib/viewer.tsx';
import { CreateUserMutation, RoleOptionsQuery, UsersPageQuery } from './documents.ts';
import { UsersView } from './Users.tsx';

const STATUSES: readonly string[] = ['ACTIVE', 'SUSPENDED', 'DISABLED'];

export default function UsersPage() {
  const { tj } = useI18n();
  const viewer = useViewer();
  const [filters, setFilters] = createUrlState({ q: '', status: '' });
  const status = () => (STATUSES.includes(filters().status) ? (filters().status as UserStatus) : '');
  // The box shows every keystroke; the address and the query follow a moment later.
  const [searchInput, setSearchInput] = createSignal(filters().q);
  const paging = createServerPaging();

  let debounce: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(debounce));

  const [users, refetch] = createQuery({
    query: UsersPageQuery,
    variables: () => ({ search: filters().q || null, status: status() || null, first: paging.first(), after: paging.after() }),
  });
  const [roles] = createQuery({ query: RoleOptionsQuery, pause: () => !viewer.can('users:write') });

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
    toast(tj('users.created', { name: data(values.name) }));
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
          paging.reset();
          setFilters({ q: value.trim() });
        }, 250);
      }}
      onStatus={(value) => {
        paging.reset();
        setFilters({ status: value });
      }}
      loading={users.fetching}
      error={users.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      users={users.data?.users.edges.map((e) => e.node)}
      paging={paging.props(users.data?.users)}
      canCreate={viewer.can('users:write')}
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
