import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, toGraphQLError } from '../errors.ts';

export interface MaskErrorOptions {
  /** Production: no "Did you mean ...?" hints, which spell out the schema to anonymous callers. */
  production: boolean;
}

/**
 * Keeps errors that carry a code (ours, scope-auth's, complexity's), gives
 * GraphQL's own parse and validation errors a code, and hides everything else
 * behind INTERNAL_SERVER_ERROR after logging it. No error keeps yoga's
 * `originalError` extension: it carries the JSON parser's message with a
 * fragment of the body, or an internal error's text.
 */
export function createMaskError(logger: Logger, options: MaskErrorOptions = { production: false }) {
  const message = (text: string) => (options.production ? withoutSuggestions(text) : text);
  return (error: unknown, fallback: string): Error => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const original = graphqlError?.originalError ?? error;
    const location = graphqlError ? { nodes: graphqlError.nodes, path: graphqlError.path } : {};
    if (original instanceof AppError) {
      const coded = toGraphQLError(original);
      return new GraphQLError(coded.message, { ...location, extensions: coded.extensions });
    }
    if (original instanceof GraphQLError && original.extensions?.code) {
      const { originalError: dropped, ...extensions } = original.extensions as Record<string, unknown>;
      const clean = original === graphqlError && dropped === undefined && message(original.message) === original.message;
      return clean ? original : new GraphQLError(message(original.message), { ...location, extensions });
    }
    // graphql-js's own errors (parse, validation, variable coercion) may wrap another GraphQLError.
    if (graphqlError && (!graphqlError.originalError || graphqlError.originalError instanceof GraphQLError)) {
      const { originalError: _dropped, ...extensions } = graphqlError.extensions as Record<string, unknown>;
      return new GraphQLError(message(graphqlError.message), { ...location, extensions: { ...extensions, code: codeOf(graphqlError) } });
    }
    if (isDatabaseUnavailable(original)) {
      // Expected while the database restarts: a retryable code, not an internal error.
      logger.warn({ path: graphqlError?.path }, 'database unreachable');
      return new GraphQLError("The gateway's database is unreachable; retry shortly", { ...location, extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 } });
    }
    // The serialiser keeps SQL and bound values out of the log (see logger.ts).
    logger.error({ err: original, path: graphqlError?.path }, 'unexpected error');
    return new GraphQLError(fallback, { ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

/** `Cannot query field "mee" on type "Query". Did you mean "me"?` → `Cannot query field "mee" on type "Query".` */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

function codeOf(error: GraphQLError): string {
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  if (error.extensions?.http) return 'BAD_REQUEST';
  return 'GRAPHQL_VALIDATION_FAILED';
}
