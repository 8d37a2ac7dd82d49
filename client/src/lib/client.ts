import { Client, CombinedError, fetchExchange, mapExchange } from '@urql/core';
import { createConsoleCache } from './cache.ts';

export interface GatewayClientOptions {
  url?: string;
  /** The bearer token to send, read on every request. */
  token: () => string | null;
  /** Called when the gateway refuses the token (expired, ended, revoked). */
  onUnauthenticated: () => void;
}

/** True when any GraphQL error of `error` carries `code`. */
export function hasErrorCode(error: CombinedError | undefined, code: string): boolean {
  return Boolean(error?.graphQLErrors.some((e) => e.extensions?.code === code));
}

/**
 * The console's one urql client. Queries go as POST: the gateway's body-size and
 * document guards apply to them like to mutations, and tokens never sit in URLs.
 * Subscriptions go over the same fetch as server-sent events (POST, `Accept:
 * text/event-stream`), so they carry the bearer token like everything else and
 * unsubscribing aborts the request, which the gateway passes on upstream.
 */
export function createGatewayClient(options: GatewayClientOptions): Client {
  return new Client({
    url: options.url ?? '/graphql',
    preferGetMethod: false,
    fetchSubscriptions: true,
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError(error) {
          // A failed login is also UNAUTHENTICATED; only a refused token ends the session.
          if (options.token() && hasErrorCode(error, 'UNAUTHENTICATED')) options.onUnauthenticated();
        },
      }),
      createConsoleCache(),
      fetchExchange,
    ],
    fetchOptions: () => {
      const token = options.token();
      return token ? { headers: { authorization: `Bearer ${token}` } } : {};
    },
  });
}
