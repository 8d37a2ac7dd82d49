import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Gateway } from './gateway.ts';
import { AppError } from './errors.ts';
import { resolveViewer } from './modules/auth/resolve-viewer.ts';
import { maskErrorsOf } from './yoga.ts';

export interface GatewayHttpServer {
  server: Server;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** Longest a client may take to send a request's headers. */
  headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included; answered with 408. */
  bodyTimeoutMs: number;
  /** Longest a WebSocket may stay open without an authenticated `connection_init`. */
  wsAuthTimeoutMs: number;
  /** Idle time before a kept-alive connection is closed. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_OPTIONS: HttpServerOptions = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  wsAuthTimeoutMs: 3_000,
  keepAliveTimeoutMs: 5_000,
};

type EnvelopedRoot = Pick<ReturnType<Gateway['yoga']['getEnveloped']>, 'execute' | 'subscribe'>;

/**
 * Node's http server with the GraphQL handler, plus graphql-ws on the same
 * port and path for WebSocket subscriptions. The socket path reuses yoga's
 * envelop pipeline, so auth, limits, subscription caps and error masking are
 * the same on both.
 */
export function createGatewayHttpServer(gateway: Gateway, overrides: Partial<HttpServerOptions> = {}): GatewayHttpServer {
  const options = { ...DEFAULT_HTTP_OPTIONS, ...overrides };
  const server = createServer(
    {
      // A trickled request (slow headers or a body sent a byte at a time) holds a socket and a parser:
      // cut it. Node checks these every `connectionsCheckingInterval`, so that bounds the overshoot.
      headersTimeout: Math.min(options.headersTimeoutMs, options.bodyTimeoutMs),
      requestTimeout: options.bodyTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs),
    },
    // Traced, each request runs inside its span (a no-op wrapper is not even installed otherwise).
    gateway.tracing ? gateway.tracing.wrap(gateway.yoga) : gateway.yoga,
  );
  server.keepAliveTimeout = options.keepAliveTimeoutMs;
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 1024 * 1024 });
  const mask = maskErrorsOf(gateway.yoga);
  const disposable = useServer(
    {
      // A socket that has not authenticated by then is closed (4408); so is one whose credentials fail.
      connectionInitWaitTimeout: options.wsAuthTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === 'string' ? params.authorization : typeof params.Authorization === 'string' ? params.Authorization : null;
        try {
          const resolved = await resolveViewer(() => gateway.app.orm.em.fork(), gateway.app.credentialCache, authorization);
          if (resolved) return true;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.code === 'FORBIDDEN') return false; // 4403
        }
        ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: send {"authorization": "Bearer <api key or session token>"} as connection params');
        return false;
      },
      // The same masking as over HTTP: coded errors kept, anything else hidden behind INTERNAL_SERVER_ERROR.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: result.errors.map((e) => mask(e).toJSON()) } : undefined,
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = gateway.yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          requestId: randomUUID(),
        });
        let document;
        try {
          document = parse(params.query);
        } catch (error) {
          return [mask(error)];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors.map(mask);
        let contextValue;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          if (error instanceof GraphQLError) return [mask(error)];
          throw error;
        }
        return { schema, document, operationName: params.operationName, variableValues: params.variables, contextValue, rootValue: { execute, subscribe } };
      },
    },
    wsServer,
  );
  return {
    server,
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
