/**
 * The HTTP client every network plugin uses: one keep-alive undici Pool per
 * provider instance. undici's `Pool.request` measured ~0.8 ms added per call
 * against global fetch's 1.0-1.5 ms (see STACK.md), and vendor SDKs sit on fetch.
 */
import { Pool } from 'undici';
import { z } from 'zod';
import { ProviderError } from '../plugin-api.ts';
import { streamError, type HeaderValue } from './errors.ts';

/** Options every HTTP plugin accepts; vendor schemas extend this. */
export const httpOptionsSchema = z.object({
  /**
   * Max sockets open to the upstream. At least the provider's `maxConcurrent` (default 512),
   * so an attempt never waits in the pool for a socket while its timers run.
   */
  connections: z.number().int().positive().default(512),
  /**
   * undici headers and body timeouts: a coarse backstop (undici checks them on a
   * ~1 s tick); the router's per-attempt timeout is the precise one.
   */
  timeoutMs: z.number().int().positive().default(300_000),
  /** Extra headers sent on every request (gateway tags, proxies). */
  headers: z.record(z.string()).default({}),
});
export type HttpOptions = z.infer<typeof httpOptionsSchema>;

/** A response whose status was < 400. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, HeaderValue>;
  body: AsyncIterable<Uint8Array> & { text(): Promise<string>; destroy(err?: Error): unknown; destroyed?: boolean };
}

/** Classifies an HTTP error response; implemented per vendor in `errors.ts`. */
export type HttpErrorClassifier = (status: number, headers: Record<string, HeaderValue>, body: string) => ProviderError;

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** Path after the base URL's own path, e.g. `/chat/completions`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** A keep-alive connection pool bound to one upstream base URL. */
export interface UpstreamClient {
  /** Sends a request; throws a classified ProviderError for transport failures and statuses >= 400. */
  send(req: UpstreamRequest, classify: HttpErrorClassifier): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/** Creates the pool. Does no I/O: undici connects lazily on the first request. */
export function createUpstreamClient(baseUrl: string, options: HttpOptions): UpstreamClient {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  const pool = new Pool(url.origin, {
    connections: options.connections,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 10_000,
  });
  const extra = options.headers;
  return {
    async send(req, classify) {
      let res;
      try {
        res = await pool.request({
          method: req.method,
          path: prefix + req.path,
          headers: { ...extra, ...req.headers },
          body: req.body,
          signal: req.signal,
        });
      } catch (err) {
        throw transportError(err, req.signal);
      }
      if (res.statusCode >= 400) {
        let text = '';
        try {
          text = await res.body.text();
        } catch (err) {
          throw transportError(err, req.signal);
        }
        throw classify(res.statusCode, res.headers, text);
      }
      return { status: res.statusCode, headers: res.headers, body: res.body };
    },
    close: () => pool.close(),
  };
}

/** The error for a signal that fired: a TimeoutError reason means the attempt timed out. */
export function abortError(signal: AbortSignal, cause?: unknown): ProviderError {
  const reason = signal.reason as { name?: string } | undefined;
  if (reason?.name === 'TimeoutError') {
    return new ProviderError('upstream call timed out', { kind: 'timeout', retryable: true, cause: cause ?? reason });
  }
  return new ProviderError('request aborted', { kind: 'aborted', retryable: false, cause: cause ?? reason });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Classifies a failure before any response arrived (connect, send, headers). */
export function transportError(err: unknown, signal?: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal?.aborted) return abortError(signal, err);
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (TIMEOUT_CODES.has(code)) return new ProviderError(`upstream timeout: ${message}`, { kind: 'timeout', retryable: true, cause: err });
  if (NETWORK_CODES.has(code)) return new ProviderError(`upstream unreachable: ${message}`, { kind: 'network', retryable: true, cause: err });
  return new ProviderError(`upstream request failed: ${message}`, { kind: 'network', retryable: true, cause: err });
}

/** Classifies a failure while reading a response body that had started well. */
export function bodyError(err: unknown, signal?: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal?.aborted) return abortError(signal, err);
  const code = (err as { code?: string }).code ?? '';
  if (TIMEOUT_CODES.has(code)) return new ProviderError('upstream stalled mid-response', { kind: 'timeout', retryable: true, cause: err });
  return streamError(`upstream stream broke: ${(err as Error).message ?? err}`, true, err);
}

/** Reads a whole JSON body, classifying truncation and malformed JSON as stream errors. */
export async function readJson(res: UpstreamResponse, signal?: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    throw bodyError(err, signal);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw streamError('upstream sent malformed JSON', false, err);
  }
}

/** Times a probe for `health`, which must never throw. */
export async function probe(run: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; detail?: string }> {
  const start = performance.now();
  try {
    await run();
    return { ok: true, latencyMs: performance.now() - start };
  } catch (err) {
    return { ok: false, latencyMs: performance.now() - start, detail: (err as Error).message ?? String(err) };
  }
}
