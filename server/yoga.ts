import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { AppState } from './app-state.ts';
import { createContext, type Context } from './context.ts';
import { schema } from './schema.ts';
import { CONSOLE_DIST_DIR } from './admin-console/ensure-built.ts';
import { useAdminConsole } from './yoga-plugins/use-admin-console.ts';
import { useRestApi } from './yoga-plugins/use-rest-api.ts';
import { createMaskError } from './yoga-plugins/mask-error.ts';
import { useBodyLimit } from './yoga-plugins/use-body-limit.ts';
import { useDocumentLimits } from './yoga-plugins/use-document-limits.ts';
import { useHealthAndReadiness } from './yoga-plugins/use-health.ts';
import { useLiveCredentials } from './yoga-plugins/use-live-credentials.ts';
import { requestIdOf, useRequestId } from './yoga-plugins/use-request-id.ts';

export interface YogaOptions {
  production: boolean;
  maxBodyBytes: number;
  maxTokens: number;
  maxAliases: number;
}

export const DEFAULT_YOGA_OPTIONS: YogaOptions = {
  production: process.env.NODE_ENV === 'production',
  maxBodyBytes: 1024 * 1024,
  maxTokens: 5000,
  maxAliases: 30,
};

export type GatewayYoga = YogaServerInstance<Record<string, unknown>, Context>;

/** The GraphQL HTTP handler, usable in-process (`yoga.fetch`) or behind Node's http server. */
export function createGatewayYoga(app: AppState, options: YogaOptions = DEFAULT_YOGA_OPTIONS): GatewayYoga {
  const logger = app.logger;
  // REST routes run their GraphQL operations through this same handler.
  let yoga: GatewayYoga | undefined;
  const fetchGraphQL = (url: string, init: RequestInit) => yoga!.fetch(url, init);
  yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !options.production,
    batching: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      // Yoga reports every masked error here, expected ones included; unexpected ones are logged by maskError.
      error: (...args) => logger.debug(args.map(String).join(' ')),
    },
    maskedErrors: { maskError: createMaskError(logger), errorMessage: 'Unexpected error' },
    context: (initial) => createContext(app, { ...initial, requestId: initial.request ? requestIdOf(initial.request) : undefined }),
    plugins: [
      useRequestId(logger),
      useHealthAndReadiness(app.orm, () => ({ draining: app.chats.draining, spooledSettlements: app.settlements.backlog })),
      useAdminConsole({ distDir: CONSOLE_DIST_DIR }),
      useRestApi(app, fetchGraphQL),
      useBodyLimit(options.maxBodyBytes),
      useDocumentLimits({ maxTokens: options.maxTokens, maxAliases: options.maxAliases }),
      useLiveCredentials(),
    ],
  });
  return yoga;
}
