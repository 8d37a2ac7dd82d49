import { AppError, type ErrorCode } from '../errors.ts';
import { requestIdOf } from '../yoga-plugins/use-request-id.ts';

export type GraphQLFetch = (url: string, init: RequestInit) => Promise<Response> | Response;

/**
 * Runs one GraphQL operation for a REST call, through the same yoga pipeline
 * with the caller's own headers: the same auth, limits, resolvers and error
 * codes as the GraphQL API. The first error becomes the REST error.
 */
export async function callGraphQL<T>(fetchGraphQL: GraphQLFetch, request: Request, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  // The operation runs under the REST request's id, so its log lines and audit record match the REST answer.
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestIdOf(request) };
  const authorization = request.headers.get('authorization');
  if (authorization) headers.authorization = authorization;
  const response = await fetchGraphQL('http://gateway/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const error = body.errors?.[0];
  if (error) {
    const { code, http: _http, ...details } = error.extensions ?? {};
    throw new AppError((code as ErrorCode) ?? 'INTERNAL_SERVER_ERROR', error.message, details);
  }
  return body.data as T;
}
