import { gql } from '@urql/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGatewayClient } from './client.ts';

const Me = gql`
  query Me {
    me {
      id
    }
  }
`;

function stubFetch(status: number, body: object) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('gateway client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends queries as POST with the bearer token', async () => {
    const fetch = stubFetch(200, { data: { me: { id: '1', __typename: 'User' } } });
    const client = createGatewayClient({ url: 'http://gw/graphql', token: () => 'zgs_abc', onUnauthenticated: () => {} });
    const result = await client.query(Me, {}).toPromise();
    expect(result.data?.me.id).toBe('1');
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer zgs_abc');
  });

  it('ends the session when the gateway refuses the token', async () => {
    stubFetch(401, { errors: [{ message: 'Session has expired', extensions: { code: 'UNAUTHENTICATED' } }] });
    const onUnauthenticated = vi.fn();
    const client = createGatewayClient({ url: 'http://gw/graphql', token: () => 'zgs_old', onUnauthenticated });
    const result = await client.query(Me, {}).toPromise();
    expect(result.error?.graphQLErrors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('does not treat a failed sign-in (no token yet) as an expired session', async () => {
    stubFetch(401, { errors: [{ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } }] });
    const onUnauthenticated = vi.fn();
    const client = createGatewayClient({ url: 'http://gw/graphql', token: () => null, onUnauthenticated });
    await client.query(Me, {}).toPromise();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
