import { gql } from '@urql/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGatewayClient } from './client.ts';
import { subscribeLive, throttle } from './live.ts';

const Ticks = gql`
  subscription Ticks {
    tick
  }
`;

/** A text/event-stream body as graphql-yoga sends it: `next` events, then `complete`. */
function stubEventStream(values: object[]) {
  const body = values.map((v) => `event: next\ndata: ${JSON.stringify(v)}\n\n`).join('') + 'event: complete\ndata:\n\n';
  const fetch = vi.fn(async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

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

  it('sends subscriptions over fetch as server-sent events, with the bearer token, and hands each value over once', async () => {
    const fetch = stubEventStream([{ data: { tick: 1 } }, { data: { tick: 2 } }]);
    const client = createGatewayClient({ url: 'http://gw/graphql', token: () => 'zgs_abc', onUnauthenticated: () => {} });
    const ticks: number[] = [];
    await new Promise<void>((resolve) => subscribeLive(client, Ticks, {}, { onResult: (r) => ticks.push(r.data.tick), onEnd: resolve }));
    // urql repeats the last value with hasNext: false when the stream closes; that is the end, not a third tick.
    expect(ticks).toEqual([1, 2]);
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.method).toBe('POST');
    const headers = new Headers(init.headers);
    expect(headers.get('authorization')).toBe('Bearer zgs_abc');
    expect(headers.get('accept')).toContain('text/event-stream');
  });
});

describe('throttle', () => {
  it('runs at once, then folds calls within the window into one trailing call', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const throttled = throttle(fn, 1000);
      throttled();
      throttled();
      throttled();
      expect(fn).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(999);
      expect(fn).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(fn).toHaveBeenCalledTimes(2);
      throttled.cancel();
    } finally {
      vi.useRealTimers();
    }
  });
});
