import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, toGraphQLError } from '../errors.ts';

/**
 * Keeps errors that carry a code (ours, scope-auth's, complexity's), gives
 * GraphQL's own parse and validation errors a code, and hides everything else
 * behind INTERNAL_SERVER_ERROR after logging it.
 */
export function createMaskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const original = graphqlError?.originalError ?? error;
    const location = graphqlError ? { nodes: graphqlError.nodes, path: graphqlError.path } : {};
    if (original instanceof AppError) {
      const coded = toGraphQLError(original);
      return new GraphQLError(coded.message, { ...location, extensions: coded.extensions });
    }
    if (original instanceof GraphQLError && original.extensions?.code) {
      return original === graphqlError ? original : new GraphQLError(original.message, { ...location, extensions: original.extensions });
    }
    // graphql-js's own errors (parse, validation, variable coercion) may wrap another GraphQLError.
    if (graphqlError && (!graphqlError.originalError || graphqlError.originalError instanceof GraphQLError)) {
      // Drop yoga's development-mode `originalError` so no internals reach the client.
      const { originalError: _dropped, ...extensions } = graphqlError.extensions as Record<string, unknown>;
      return new GraphQLError(graphqlError.message, { ...location, extensions: { ...extensions, code: codeOf(graphqlError) } });
    }
    if (isDatabaseUnavailable(original)) {
      // Expected while the database restarts: a retryable code, not an internal error.
      logger.warn({ path: graphqlError?.path }, 'database unreachable');
      return new GraphQLError("The gateway's database is unreachable; retry shortly", { ...location, extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 } });
    }
    logger.error({ err: original, path: graphqlError?.path }, 'unexpected error');
    return new GraphQLError(message, { ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

function codeOf(error: GraphQLError): string {
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  if (error.extensions?.http) return 'BAD_REQUEST';
  return 'GRAPHQL_VALIDATION_FAILED';
}
