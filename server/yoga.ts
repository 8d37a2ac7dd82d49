import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { AppState } from './app-state.ts';
import { createContext, type Context } from './context.ts';
import { schema } from './schema.ts';
import { CONSOLE_DIST_DIR } from './admin-console/ensure-built.ts';
import { useAdminConsole } from './yoga-plugins/use-admin-console.ts';
import { useRestApi } from './yoga-plugins/use-rest-api.ts';
import { useVendorApis } from './yoga-plugins/use-vendor-apis.ts';
import { createMaskError } from './yoga-plugins/mask-error.ts';
import { useJsonBody } from './yoga-plugins/use-json-body.ts';
import { useDocumentLimits } from './yoga-plugins/use-document-limits.ts';
import { useHealthAndReadiness } from './yoga-plugins/use-health.ts';
import { useLiveCredentials } from './yoga-plugins/use-live-credentials.ts';
import { useInputHygiene } from './yoga-plugins/use-input-hygiene.ts';
import { useSchemaPrivacy } from './yoga-plugins/use-schema-privacy.ts';
import { requestIdOf, useRequestId } from './yoga-plugins/use-request-id.ts';
import { useSubscriptionCaps } from './yoga-plugins/use-subscription-caps.ts';
import { useMetrics, type UseMetricsOptions } from './yoga-plugins/use-metrics.ts';
import { useEventStreamWriter } from './yoga-plugins/use-event-stream-writer.ts';

export interface YogaOptions {
  /** No GraphiQL, no field suggestions, introspection for signed-in callers only. */
  production: boolean;
  maxBodyBytes: number;
  maxTokens: number;
  maxAliases: number;
  /** Fields, fragment spreads and inline fragments in one document. */
  maxSelections: number;
  /** Pairs of same-named fields validation would compare (repeated fields cost quadratic time). */
  maxFieldPairs: number;
  /** Browser origins allowed to call cross-origin (exact match); empty means same-origin only. */
  corsOrigins: string[];
  /** Open feed subscriptions (usageEvents, budgetAlerts) per user; chat streams are bounded by the chat admission limit. */
  maxSubscriptionsPerUser: number;
  /** Open subscriptions of any kind per instance. */
  maxSubscriptions: number;
}

export const DEFAULT_YOGA_OPTIONS: YogaOptions = {
  production: process.env.NODE_ENV === 'production',
  maxBodyBytes: 1024 * 1024,
  maxTokens: 5000,
  maxAliases: 30,
  maxSelections: 1000,
  maxFieldPairs: 1000,
  corsOrigins: [],
  maxSubscriptionsPerUser: 20,
  maxSubscriptions: 2000,
};

export type GatewayYoga = YogaServerInstance<Record<string, unknown>, Context>;

const maskers = new WeakMap<GatewayYoga, (error: unknown) => GraphQLError>();

/**
 * Masks errors exactly as the HTTP path does, for the WebSocket path, which
 * runs the envelop pipeline without yoga's result processing.
 */
export function maskErrorsOf(yoga: GatewayYoga): (error: unknown) => GraphQLError {
  return maskers.get(yoga)!;
}

/** The GraphQL HTTP handler, usable in-process (`yoga.fetch`) or behind Node's http server. */
export function createGatewayYoga(app: AppState, options: YogaOptions = DEFAULT_YOGA_OPTIONS, observe: UseMetricsOptions = {}): GatewayYoga {
  const logger = app.logger;
  const maskError = createMaskError(logger, { production: options.production });
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !options.production,
    batching: false,
    multipart: false,
    // useJsonBody enforces maxBodyBytes while it reads the body; yoga's own limit would pipe every body through one more stream.
    maxRequestBodySize: false,
    cors: corsFor(options.corsOrigins),
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      // Yoga reports every masked error here, expected ones included; unexpected ones are logged by maskError.
      // As objects, so the error serialiser keeps SQL and bound values out (String(error) would not).
      error: (...args) => logger.debug({ err: args.find((a) => a instanceof Error) }, 'masked error'),
    },
    maskedErrors: { maskError, errorMessage: 'Unexpected error' },
    // `em` and `log` are not in the extension: createContext puts them on the context object as lazy properties.
    context: (initial) => createContext(app, initial, initial.request ? requestIdOf(initial.request) : undefined) as Promise<Context>,
    plugins: [
      // First, so every request is counted, those answered early (health, REST) included.
      useMetrics(observe),
      useRequestId(logger),
      useHealthAndReadiness(app.orm, () => ({
        draining: app.chats.draining,
        spooledSettlements: app.settlements.backlog,
        optional: app.redis ? { redis: () => app.redis!.check() } : undefined,
      })),
      useAdminConsole({ distDir: CONSOLE_DIST_DIR }),
      useRestApi(app),
      useVendorApis(app),
      useJsonBody(options.maxBodyBytes),
      useDocumentLimits({ maxTokens: options.maxTokens, maxAliases: options.maxAliases, maxSelections: options.maxSelections, maxFieldPairs: options.maxFieldPairs }),
      useInputHygiene(),
      ...(options.production ? [useSchemaPrivacy()] : []),
      useLiveCredentials(),
      // Last, so its stream wrapper is the outermost: a client going away frees the slot at once,
      // even while an inner wrapper still waits for its next event.
      useSubscriptionCaps({ perUser: options.maxSubscriptionsPerUser, total: options.maxSubscriptions, boundedElsewhere: ['chat'] }),
      useEventStreamWriter(),
    ],
  });
  maskers.set(yoga, (error) => maskError(error, 'Unexpected error') as GraphQLError);
  return yoga;
}

/**
 * CORS for the configured origins only, without credentials (auth is a bearer
 * header, never a cookie). Other origins, `null` included, get no CORS headers,
 * so browsers keep their pages out; the console is same-origin and needs none.
 */
function corsFor(origins: string[]) {
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false as const;
    return {
      origin,
      credentials: false,
      methods: ['GET', 'POST', 'PUT'],
      allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    };
  };
}
