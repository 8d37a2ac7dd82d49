import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Gateway } from './gateway.ts';

export interface GatewayHttpServer {
  server: Server;
  close(): Promise<void>;
}

type EnvelopedRoot = Pick<ReturnType<Gateway['yoga']['getEnveloped']>, 'execute' | 'subscribe'>;

/**
 * Node's http server with the GraphQL handler, plus graphql-ws on the same
 * port and path for WebSocket subscriptions. The socket path reuses yoga's
 * envelop pipeline, so auth, limits and error masking are the same on both.
 */
export function createGatewayHttpServer(gateway: Gateway): GatewayHttpServer {
  const server = createServer(gateway.yoga);
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 1024 * 1024 });
  const disposable = useServer(
    {
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
          return [error as GraphQLError];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors;
        let contextValue;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
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
