import { gql, type OperationResult } from '@urql/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGatewayClient } from './client.ts';

const UserWithQuota = gql`
  query UserWithQuota($id: ID!) {
    user(id: $id) {
      id
      name
      quota {
        id
        dailyInputLimit
      }
    }
  }
`;
const Users = gql`
  query Users {
    users {
      id
      name
    }
  }
`;
const SetQuota = gql`
  mutation SetQuota($userId: ID!, $dailyInputLimit: Long) {
    setQuota(userId: $userId, dailyInputLimit: $dailyInputLimit) {
      id
      dailyInputLimit
    }
  }
`;
const UpdateUser = gql`
  mutation UpdateUser($id: ID!, $name: String!) {
    updateUser(id: $id, input: { name: $name }) {
      id
      name
    }
  }
`;
const CreateUser = gql`
  mutation CreateUser($name: String!) {
    createUser(input: { name: $name }) {
      id
      name
    }
  }
`;
const DeleteUser = gql`
  mutation DeleteUser($id: ID!) {
    deleteUser(id: $id)
  }
`;

/** A gateway on the other end of fetch: answers by operation name and counts what it was asked. */
function stubGateway() {
  const people = [{ __typename: 'User', id: 'u1', name: 'Li Wei', quota: { __typename: 'Quota', id: 'u1', dailyInputLimit: 1000 } }];
  const asked: string[] = [];
  const answer = (name: string, variables: Record<string, unknown>): object => {
    if (name === 'UserWithQuota') return { user: people.find((p) => p.id === variables.id) ?? null };
    if (name === 'Users') return { users: people.map(({ quota: _quota, ...p }) => p) };
    if (name === 'SetQuota') {
      const person = people.find((p) => p.id === variables.userId)!;
      person.quota = { ...person.quota, dailyInputLimit: variables.dailyInputLimit as number };
      return { setQuota: person.quota };
    }
    if (name === 'UpdateUser') {
      const person = people.find((p) => p.id === variables.id)!;
      person.name = variables.name as string;
      return { updateUser: { __typename: 'User', id: person.id, name: person.name } };
    }
    if (name === 'CreateUser') {
      const person = { __typename: 'User', id: `u${people.length + 1}`, name: variables.name as string, quota: { __typename: 'Quota', id: `u${people.length + 1}`, dailyInputLimit: 0 } };
      people.push(person);
      return { createUser: { __typename: 'User', id: person.id, name: person.name } };
    }
    if (name === 'DeleteUser') {
      people.splice(people.findIndex((p) => p.id === variables.id), 1);
      return { deleteUser: variables.id };
    }
    throw new Error(`unexpected ${name}`);
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const { query, variables } = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
      const name = /(?:query|mutation)\s+(\w+)/.exec(query)![1];
      asked.push(name);
      return new Response(JSON.stringify({ data: answer(name, variables) }), { headers: { 'content-type': 'application/json' } });
    }),
  );
  return asked;
}

/** Follows a query as a page does: every result it is given, in order. */
function watch(client: ReturnType<typeof createGatewayClient>, query: typeof Users, variables: object = {}) {
  const results: OperationResult[] = [];
  const { unsubscribe } = client.query(query, variables).subscribe((result) => results.push(result));
  return { results, latest: () => results[results.length - 1], unsubscribe };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const client = () => createGatewayClient({ url: 'http://gw/graphql', token: () => 'zgs_abc', onUnauthenticated: () => {} });

describe("the console's cache", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a saved quota from the mutation answer, without reading the user again', async () => {
    const asked = stubGateway();
    const c = client();
    const page = watch(c, UserWithQuota, { id: 'u1' });
    await settle();
    expect(page.latest().data.user.quota.dailyInputLimit).toBe(1000);
    await c.mutation(SetQuota, { userId: 'u1', dailyInputLimit: 5000 }).toPromise();
    await settle();
    expect(page.latest().data.user.quota.dailyInputLimit).toBe(5000);
    expect(asked).toEqual(['UserWithQuota', 'SetQuota']);
    page.unsubscribe();
  });

  it('shows an edited name in the list and on the user page from the answer, without reading either again', async () => {
    const asked = stubGateway();
    const c = client();
    const list = watch(c, Users);
    const page = watch(c, UserWithQuota, { id: 'u1' });
    await settle();
    await c.mutation(UpdateUser, { id: 'u1', name: 'Li Wei (finance)' }).toPromise();
    await settle();
    expect(list.latest().data.users.map((u: { name: string }) => u.name)).toEqual(['Li Wei (finance)']);
    expect(page.latest().data.user.name).toBe('Li Wei (finance)');
    expect(asked.sort()).toEqual(['UpdateUser', 'UserWithQuota', 'Users']);
    list.unsubscribe();
    page.unsubscribe();
  });

  it('reads a list again after a user is created, and after one is deleted', async () => {
    const asked = stubGateway();
    const c = client();
    const list = watch(c, Users);
    await settle();
    expect(list.latest().data.users.map((u: { name: string }) => u.name)).toEqual(['Li Wei']);
    await c.mutation(CreateUser, { name: 'Bob' }).toPromise();
    await settle();
    expect(list.latest().data.users.map((u: { name: string }) => u.name)).toEqual(['Li Wei', 'Bob']);
    await c.mutation(DeleteUser, { id: 'u1' }).toPromise();
    await settle();
    expect(list.latest().data.users.map((u: { name: string }) => u.name)).toEqual(['Bob']);
    expect(asked).toEqual(['Users', 'CreateUser', 'Users', 'DeleteUser', 'Users']);
    list.unsubscribe();
  });
});
