/**
 * What the vendor-compatible doors share: who is calling (their own key
 * headers, the same credentials and cache as GraphQL), the caller as the chat
 * core knows it, the request body, and the error classes every vendor answers
 * in its own words. Each door calls the chat core directly; none re-enters yoga.
 */
import { inBackground, type AppState } from '../app-state.ts';
import { ApiKey } from '../modules/api-keys/api-key.entity.ts';
import { AppError, httpStatusOf } from '../errors.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { resolveViewer } from '../modules/auth/resolve-viewer.ts';
import type { ChatCaller } from '../modules/chat/chat.types.ts';
import { rateLimitHeaders, type RateLimitStatus } from '../modules/rate-limits/index.ts';
import { readJsonBody } from '../rest/rest-context.ts';

/** Chat bodies carry images inline: larger than the GraphQL and REST limit. */
export const DOOR_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Authenticates with an API key (or session token) from the door's header, and requires the chat permission. */
export async function doorCaller(app: AppState, authorization: string | null, requestId: string): Promise<ChatCaller> {
  const resolved = await resolveViewer(() => app.orm.em.fork(), app.credentialCache, authorization);
  if (!resolved) throw new AppError('UNAUTHENTICATED', 'Missing API key: send a gateway API key as the SDK\'s API key');
  if (resolved.touchApiKeyId) {
    // The key's "last used" in the console, as for GraphQL calls (at most once a minute per key).
    const id = resolved.touchApiKeyId;
    inBackground(app, () => app.orm.em.fork().nativeUpdate(ApiKey, { id }, { lastUsedAt: new Date() }));
  }
  if (!resolved.viewer.permissions.has('chat')) throw new AppError('FORBIDDEN', 'Not allowed: this key\'s user lacks the chat permission');
  return { viewer: resolved.viewer, requestId, em: app.orm.em.fork() };
}

/** The body as a JSON object, or BAD_USER_INPUT / PAYLOAD_TOO_LARGE. */
export async function readObjectBody(request: Request): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, DOOR_MAX_BODY_BYTES);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('BAD_USER_INPUT', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Any failure as a coded error (database outages retryable, the unexpected masked). */
export function codedError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE', "The gateway's database is unreachable; retry shortly", { retryAfterSeconds: 2 });
  return new AppError('INTERNAL_SERVER_ERROR', 'Unexpected error');
}

/**
 * The HTTP status a door answers for a code. A DLP block is 400, not 451: the
 * prompt is what must change (as with any invalid request), the SDKs raise their
 * own BadRequestError for it and never retry it, while 451 has no class in
 * either SDK and reads as a legal takedown of a resource, which this is not.
 */
export function doorStatus(error: AppError): number {
  if (error.code === 'DLP_BLOCKED') return 400;
  if (error.code === 'BAD_USER_INPUT' && error.details?.field === 'model' && /^Unknown model/.test(error.message)) return 404;
  if (error.code === 'OVERLOADED' || error.code === 'SERVICE_UNAVAILABLE') return 503;
  return httpStatusOf(error.code);
}

/**
 * retry-after and OpenAI's x-ratelimit-* headers for a refusal: from the rate
 * limit that refused, or derived from the daily quota (its limit, what remains,
 * and when it resets), so clients that pace themselves on them keep working.
 */
export function refusalHeaders(error: AppError): Record<string, string> {
  const d = error.details ?? {};
  if (error.code === 'RATE_LIMITED' && d.rateLimit) return rateLimitHeaders(d.rateLimit as RateLimitStatus, d.retryAfterMs as number | undefined);
  const headers: Record<string, string> = {};
  if (error.code === 'QUOTA_EXCEEDED' && typeof d.resetsAt === 'string') {
    const resetMs = Math.max(0, Date.parse(d.resetsAt) - Date.now());
    headers['x-ratelimit-limit-tokens'] = String(d.limitTokens);
    headers['x-ratelimit-remaining-tokens'] = String(d.remainingTokens);
    headers['x-ratelimit-reset-tokens'] = `${Math.ceil(resetMs / 1000)}s`;
    headers['retry-after'] = String(Math.max(1, Math.ceil(resetMs / 1000)));
    return headers;
  }
  if (typeof d.retryAfterSeconds === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(d.retryAfterSeconds)));
  return headers;
}

/** Headers every door answer carries: the request id under both vendors' names, and the rate limits as of admission. */
export function answerHeaders(requestId: string, rateLimit: RateLimitStatus | null | undefined): Record<string, string> {
  return { 'x-request-id': requestId, 'request-id': requestId, ...rateLimitHeaders(rateLimit ?? undefined) };
}

/** The arguments JSON of a tool call as an object, for vendors that carry them parsed (the text itself when it is not JSON). */
export function parsedArguments(text: string): unknown {
  try {
    const value = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null ? value : { value };
  } catch {
    return {};
  }
}

/** A stream with its already-read first step put back in front; closing it closes the source. */
export async function* prepend<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    if (first.done) return;
    yield first.value;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

/**
 * A server-sent event stream over an async source: each item becomes the
 * frames `write` returns. The source is closed when the client goes away, so
 * the chat core meters what was delivered and stops the upstream call.
 */
export function sseResponse<T>(source: AsyncGenerator<T>, frames: (item: T) => string, onError: (error: unknown) => string, headers: Record<string, string>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const step = await source.next();
        if (step.done) {
          controller.close();
          return;
        }
        const text = frames(step.value);
        if (text) controller.enqueue(encoder.encode(text));
      } catch (error) {
        // A failure after the stream began: the vendor's own error event, then the end.
        controller.enqueue(encoder.encode(onError(error)));
        controller.close();
      }
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers } });
}

/** Reads a value of an expected type from a body, or BAD_USER_INPUT naming the field. */
export const field = {
  string(body: Record<string, unknown>, name: string, required = false): string | undefined {
    const v = body[name];
    if (v == null) {
      if (required) throw new AppError('BAD_USER_INPUT', `${name} is required`, { field: name });
      return undefined;
    }
    if (typeof v !== 'string') throw new AppError('BAD_USER_INPUT', `${name} must be a string`, { field: name });
    return v;
  },
  number(body: Record<string, unknown>, name: string): number | undefined {
    const v = body[name];
    if (v == null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new AppError('BAD_USER_INPUT', `${name} must be a number`, { field: name });
    return v;
  },
  boolean(body: Record<string, unknown>, name: string): boolean | undefined {
    const v = body[name];
    if (v == null) return undefined;
    if (typeof v !== 'boolean') throw new AppError('BAD_USER_INPUT', `${name} must be true or false`, { field: name });
    return v;
  },
};

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An image part from a data URL (`data:image/png;base64,...`) or a plain URL. */
export function imageFromUrl(url: string): { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string } {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (m) return { kind: 'base64', mediaType: m[1], data: m[2] };
  if (url.startsWith('data:')) throw new AppError('BAD_USER_INPUT', 'An image data URL must be base64 encoded', { field: 'messages' });
  return { kind: 'url', url };
}
