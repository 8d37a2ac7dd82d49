import { GraphQLError } from 'graphql';

/** The stable codes clients see in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'QUOTA_EXCEEDED'
  | 'BUDGET_EXCEEDED'
  | 'DLP_BLOCKED'
  | 'PROVIDER_UNAVAILABLE'
  | 'STREAM_INTERRUPTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'QUERY_TOO_COMPLEX'
  /** The gateway cannot take the request now (database unreachable, shutting down); retry. */
  | 'SERVICE_UNAVAILABLE'
  /** The gateway is at its concurrency limit; retry shortly. */
  | 'OVERLOADED'
  /** What was to be changed is managed elsewhere here (providers from the config file); change it there. */
  | 'READ_ONLY'
  | 'INTERNAL_SERVER_ERROR';

/** The HTTP status that goes with each code (500 for the others). */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  QUOTA_EXCEEDED: 429,
  BUDGET_EXCEEDED: 429,
  DLP_BLOCKED: 422,
  PROVIDER_UNAVAILABLE: 502,
  STREAM_INTERRUPTED: 502,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TOO_MANY_SUBSCRIPTIONS: 429,
  SERVICE_UNAVAILABLE: 503,
  OVERLOADED: 503,
  READ_ONLY: 409,
};

/**
 * GraphQL answers 200 with its errors in the body, except for these codes, which
 * a client or proxy acts on by the status alone (sign in, send less, slow down).
 */
const STATUS_IN_GRAPHQL = new Set<ErrorCode>(['UNAUTHENTICATED', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'TOO_MANY_SUBSCRIPTIONS']);

/** The HTTP status of an error code, as the REST endpoints answer it. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}

/**
 * An expected failure with a code the client can act on. Services throw these;
 * the error-masking plugin turns them into GraphQL errors and masks everything else.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function toGraphQLError(error: AppError): GraphQLError {
  const status = STATUS_IN_GRAPHQL.has(error.code) ? httpStatusOf(error.code) : undefined;
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, ...(status ? { http: { status } } : {}) },
  });
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const badInput = (message: string, field?: string) =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : undefined);
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', message);
