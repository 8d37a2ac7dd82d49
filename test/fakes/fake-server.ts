/**
 * Shared machinery of the fake vendor upstreams: a real HTTP server on
 * 127.0.0.1 (random port) that records every request, checks it against the
 * vendor's request shape (answering the vendor's 400 when it does not fit, as
 * the real API would), answers chats with text or scripted tool calls and
 * embeddings with deterministic vectors, and injects faults per request. Each
 * vendor file supplies a `Dialect` with its wire format.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZodType } from 'zod';
import type { TokenUsage } from '../../plugins/plugin-api.ts';

/** A fault applied to the next request(s); see `FakeUpstream.setFault`. */
export type Fault =
  /** Answer with this status and the vendor's error body; `retryAfter` becomes the `retry-after` header. */
  | {
      type: 'status';
      status: number;
      retryAfter?: string;
      headers?: Record<string, string>;
      message?: string;
      /** Append the request's headers and body to the message, as careless vendors and proxies do (our key, the prompt). */
      echo?: boolean;
    }
  /** Wait this long before answering (normally, afterwards). */
  | { type: 'delay'; ms: number }
  /** Destroy the socket before sending anything. */
  | { type: 'reset' }
  /** Stream only: stop after N content deltas, either ending the body cleanly or destroying the socket. */
  | { type: 'cut'; afterDeltas: number; mode?: 'end' | 'destroy' }
  /** Send no usage (stream or JSON), like servers that ignore `stream_options`. */
  | { type: 'noUsage' }
  /** Stream only: a non-JSON data line after N deltas. */
  | { type: 'malformed'; afterDeltas?: number }
  /** Stream only: pause between wire chunks (for abort and timeout tests). */
  | { type: 'slow'; chunkDelayMs: number }
  /** Stream only: the vendor's in-band error event after N deltas (e.g. Anthropic overloaded_error). */
  | { type: 'streamError'; afterDeltas: number; status?: number; message?: string };

/** One request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  /** Path with query string, as received. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the raw string when it was not JSON. */
  body: any;
  /** The model the request asked for, wherever the vendor puts it. */
  model?: string;
  stream?: boolean;
  /** `performance.now()` when the request arrived (same clock as the test process). */
  receivedAt: number;
  /** What did not fit the vendor's request shape; the fake answered 400. Empty when the request was valid. */
  problems: string[];
  /** True when the client closed the connection before the response was complete. */
  clientClosed: boolean;
  /** Resolves once the response finished or the connection closed. */
  settled: Promise<void>;
}

/** A running fake upstream. */
export interface FakeUpstream {
  /** Base URL to configure the plugin with (includes the vendor's path prefix, e.g. `/v1`). */
  url: string;
  /** The text a fault-free chat answers. */
  reply: string;
  /** The usage a fault-free chat reports. */
  usage: TokenUsage;
  /** Model ids the models endpoint lists. */
  models: string[];
  requests: RecordedRequest[];
  /** Queues a fault for the next `times` requests (default: all following ones). `null` clears the queue. */
  setFault(fault: Fault | null, opts?: { times?: number }): void;
  /**
   * What the next `times` chats answer (default: all following ones) instead of the plain reply:
   * text and/or tool calls, in the vendor's wire format. `null` goes back to the plain reply.
   */
  setAnswer(answer: FakeAnswer | null, opts?: { times?: number }): void;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

/** Options every fake accepts. */
export interface FakeOptions {
  reply?: string;
  usage?: TokenUsage;
  models?: string[];
  /** When set, requests without this key get the vendor's 401. */
  apiKey?: string;
  /** false: keep no request records (benchmarks, where the list would grow without bound). */
  record?: boolean;
  /** Stream only: split the text into this many deltas of near-equal length instead of one per word. */
  chunks?: number;
  /** Stream only: send the text deltas this many ms apart, on a schedule from the first (like a model producing tokens). */
  chunkIntervalMs?: number;
}

/** A tool call the fake answers with; `arguments` is JSON text. */
export interface FakeToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A scripted answer: text first (if any), then tool calls (if any). */
export interface FakeAnswer {
  text?: string;
  toolCalls?: FakeToolCall[];
}

/** One write of a stream; `delta` marks writes that carry reply text or a piece of a tool call. */
export interface Piece {
  wire: string;
  delta?: boolean;
}

/** What a chat request resolves to. */
export interface ChatRoute {
  kind: 'chat';
  model?: string;
  stream: boolean;
}

/** What an embeddings request resolves to. */
export interface EmbedRoute {
  kind: 'embed';
  model?: string;
  /** The texts to embed, in order, wherever the vendor puts them. */
  input: string[];
  /** The vector size asked for, if any. */
  dimensions?: number;
}

/** What the fake answers an embeddings request with: one vector per input. */
export function fakeEmbedding(text: string, dimensions = 4): number[] {
  const v: number[] = [];
  for (let i = 0; i < dimensions; i++) v.push(Number((((text.length * (i + 1)) % 97) / 97 + (text.charCodeAt(i % Math.max(text.length, 1)) || 0) / 1000).toFixed(6)));
  return v;
}

/** The usage the fake reports for an embeddings request: one token per word. */
export const fakeEmbeddingUsage = (input: string[]): TokenUsage => ({ inputTokens: input.reduce((n, t) => n + (t.match(/\S+/g)?.length ?? 0), 0), outputTokens: 0 });

/** Splits JSON text into a few pieces, the way vendors stream tool arguments. */
export function argumentPieces(json: string, pieces = 3): string[] {
  if (json.length < pieces) return [json];
  const size = Math.ceil(json.length / pieces);
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out;
}

/** A vendor request shape's problems, as readable lines (`messages.1.content: Required`). */
export function shapeProblems(schema: ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
}

/** A vendor's wire format, as the fake speaks it. */
export interface Dialect {
  /** Path prefix the plugin's base URL carries (e.g. `/v1`). */
  prefix: string;
  /** Model ids the models endpoint lists. */
  models: string[];
  /** Routes a request to a chat, an embedding or a JSON answer; null means 404. */
  route(method: string, path: string, body: any): ChatRoute | EmbedRoute | { kind: 'json'; body: unknown } | null;
  /** What in a chat or embeddings request does not fit the vendor's shape (the fake then answers 400). */
  problems(route: ChatRoute | EmbedRoute, body: any, path: string): string[];
  authorized(headers: IncomingHttpHeaders, apiKey: string): boolean;
  errorBody(status: number, message: string): unknown;
  streamContentType: string;
  /**
   * `body` is the parsed request, for vendors whose answer depends on it (OpenAI's `stream_options`).
   * `toolCalls` follow the text deltas; each piece of a call counts as a delta for faults.
   */
  streamPieces(deltas: string[], usage: TokenUsage | undefined, model: string, body: any, toolCalls: FakeToolCall[]): Piece[];
  jsonAnswer(text: string, usage: TokenUsage | undefined, model: string, body: any, toolCalls: FakeToolCall[]): unknown;
  /** The answer to an embeddings request; `usage` is undefined under the `noUsage` fault. */
  embedAnswer?(vectors: number[][], usage: TokenUsage | undefined, model: string, body: any): unknown;
  malformedPiece: string;
  streamErrorPiece(status: number, message: string): string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits a reply into word deltas, keeping whitespace so they concatenate back exactly. */
export const wordDeltas = (text: string): string[] => text.match(/\S+\s*/g) ?? [];

/** Splits a text into `n` deltas of near-equal length (fewer when it is shorter than `n`). */
export function evenDeltas(text: string, n: number): string[] {
  const count = Math.min(n, text.length);
  return Array.from({ length: count }, (_, i) => text.slice(Math.round((i * text.length) / count), Math.round(((i + 1) * text.length) / count)));
}

/** Starts a fake speaking `dialect`. */
export async function startFake(dialect: Dialect, opts: FakeOptions = {}): Promise<FakeUpstream> {
  const reply = opts.reply ?? 'Hello from the fake upstream, streamed in several pieces.';
  const usage = opts.usage ?? { inputTokens: 17, outputTokens: 9 };
  const models = dialect.models;
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; left: number }[] = [];
  const answers: { answer: FakeAnswer; left: number }[] = [];
  const takeAnswer = (): FakeAnswer | undefined => {
    const next = answers[0];
    if (!next) return undefined;
    if (--next.left <= 0) answers.shift();
    return next.answer;
  };

  const takeFaults = (): Fault[] => {
    const taken: Fault[] = [];
    for (const f of faults) {
      taken.push(f.fault);
      f.left--;
    }
    for (let i = faults.length - 1; i >= 0; i--) if (faults[i].left <= 0) faults.splice(i, 1);
    return taken;
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {}
    let settle!: () => void;
    const record: RecordedRequest = {
      receivedAt: performance.now(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      problems: [],
      clientClosed: false,
      settled: new Promise<void>((r) => (settle = r)),
    };
    if (opts.record !== false) requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.clientClosed = true;
      settle();
    });
    const active = takeFaults();
    const find = <T extends Fault['type']>(t: T) => active.find((f) => f.type === t) as Extract<Fault, { type: T }> | undefined;

    if (find('reset')) return req.socket.destroy();
    const delay = find('delay');
    if (delay) await sleep(delay.ms);
    if (res.destroyed) return;
    const status = find('status');
    if (status) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...status.headers };
      if (status.retryAfter !== undefined) headers['retry-after'] = status.retryAfter;
      res.writeHead(status.status, headers);
      const message = status.message ?? `fake ${status.status}`;
      const echoed = status.echo ? `${message}; you sent headers ${JSON.stringify(req.headers)} and body ${raw}` : message;
      return res.end(JSON.stringify(dialect.errorBody(status.status, echoed)));
    }
    if (opts.apiKey && !dialect.authorized(req.headers, opts.apiKey)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(dialect.errorBody(401, 'invalid api key')));
    }
    const route = dialect.route(record.method, record.path, body);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(dialect.errorBody(404, `no route ${record.method} ${record.path}`)));
    }
    if (route.kind === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(route.body));
    }
    record.model = route.model;
    record.problems = dialect.problems(route, body, record.path);
    if (record.problems.length) {
      res.writeHead(400, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(dialect.errorBody(400, `invalid request: ${record.problems.join('; ')}`)));
    }
    const model = route.model ?? 'unknown';
    if (route.kind === 'embed') {
      const vectors = route.input.map((text) => fakeEmbedding(text, route.dimensions));
      const answer = dialect.embedAnswer!(vectors, find('noUsage') ? undefined : fakeEmbeddingUsage(route.input), model, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(answer));
    }
    record.stream = route.stream;
    const sentUsage = find('noUsage') ? undefined : usage;
    const scripted = takeAnswer();
    const text = scripted ? (scripted.text ?? '') : reply;
    const toolCalls = scripted?.toolCalls ?? [];
    if (!route.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(dialect.jsonAnswer(text, sentUsage, model, body, toolCalls)));
    }
    const deltas = opts.chunks ? evenDeltas(text, opts.chunks) : wordDeltas(text);
    await writeStream(res, dialect, dialect.streamPieces(deltas, sentUsage, model, body, toolCalls), {
      cut: find('cut'),
      malformed: find('malformed'),
      slow: find('slow'),
      streamError: find('streamError'),
      intervalMs: opts.chunkIntervalMs,
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${dialect.prefix}`,
    reply,
    usage,
    models,
    requests,
    setFault(fault, o = {}) {
      if (!fault) faults.length = 0;
      else faults.push({ fault, left: o.times ?? Infinity });
    },
    setAnswer(answer, o = {}) {
      answers.length = 0;
      if (answer) answers.push({ answer, left: o.times ?? Infinity });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function writeStream(
  res: http.ServerResponse,
  dialect: Dialect,
  pieces: Piece[],
  f: {
    cut?: Extract<Fault, { type: 'cut' }>;
    malformed?: Extract<Fault, { type: 'malformed' }>;
    slow?: Extract<Fault, { type: 'slow' }>;
    streamError?: Extract<Fault, { type: 'streamError' }>;
    /** Delta k is written no earlier than k * intervalMs after the first (a schedule, so timer lateness does not add up). */
    intervalMs?: number;
  },
) {
  res.writeHead(200, { 'content-type': dialect.streamContentType, 'cache-control': 'no-cache' });
  let deltas = 0;
  let firstDeltaAt = 0;
  const after = (n: number | undefined) => deltas === (n ?? 1);
  for (const piece of pieces) {
    if (res.destroyed) return;
    if (f.slow) await sleep(f.slow.chunkDelayMs);
    if (f.intervalMs && piece.delta) {
      if (deltas === 0) firstDeltaAt = performance.now();
      else await sleep(firstDeltaAt + deltas * f.intervalMs - performance.now());
    }
    if (res.destroyed) return;
    res.write(piece.wire);
    if (!piece.delta) continue;
    deltas++;
    if (f.malformed && after(f.malformed.afterDeltas)) {
      res.write(dialect.malformedPiece);
      return res.end();
    }
    if (f.streamError && after(f.streamError.afterDeltas)) {
      res.write(dialect.streamErrorPiece(f.streamError.status ?? 529, f.streamError.message ?? 'overloaded'));
      return res.end();
    }
    if (f.cut && after(f.cut.afterDeltas)) {
      // Let the written bytes reach the client before the cut, so it sees the deltas first.
      await sleep(10);
      return f.cut.mode === 'destroy' ? res.socket?.destroy() : res.end();
    }
  }
  res.end();
}

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedUrl(prefix = ''): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}${prefix}`;
}

/**
 * An upstream on 127.0.0.1 that answers every request with `body` as an event
 * stream and then never ends the response (a vendor holding the stream open
 * after its last event). `close` drops the held responses and stops it.
 */
export async function startHeldOpenStream(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(body);
      held.push(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      for (const res of held) res.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
