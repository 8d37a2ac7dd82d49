import { Readable } from 'node:stream';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { readyNow, WOULD_WAIT } from '../util/ready-now.ts';

/** How long the opening comment waits to go out with the first event; after that it goes alone, so the client sees the stream open. */
const OPEN_WITH_FIRST_MS = 50;
/** A comment line now and then keeps proxies from closing a quiet stream (as yoga does). */
const PING_MS = 12_000;

/**
 * Subscriptions over server-sent events (`accept: text/event-stream`), in
 * yoga's wire format (an opening `:` comment, `event: next` frames, one
 * `event: complete`, pings), written to the socket with one write for what is
 * ready together: the opening comment rides with the first event when that
 * comes within 50 ms, and events already produced go out with the one before
 * (a chat's final result and the stream's end, typically). Yoga's own writer
 * passes every line through a web ReadableStream, a socket write each. Results
 * that are not streams (a refusal before the subscription starts) stay with yoga.
 */
export function useEventStreamWriter(): Plugin {
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (!isAsyncIterable(result) || !request.headers.get('accept')?.includes('text/event-stream')) return;
      setResultProcessor(
        (stream, fetchAPI) =>
          new fetchAPI.Response(new EventStreamBody((stream as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]()) as unknown as BodyInit, {
            status: 200,
            headers: { 'content-type': 'text/event-stream', connection: 'keep-alive', 'cache-control': 'no-cache', 'content-encoding': 'none' },
          }),
        'text/event-stream',
      );
    },
  };
}

/** A byte stream of SSE frames over a subscription's results; destroying it (the client went away) closes the subscription at once. */
class EventStreamBody extends Readable {
  #next: Promise<IteratorResult<ExecutionResult>> | undefined;
  #pumping = false;
  #opening = ':\n\n';
  readonly #openTimer: NodeJS.Timeout;
  readonly #pingTimer: NodeJS.Timeout;

  constructor(private readonly results: AsyncIterator<ExecutionResult>) {
    super();
    this.#openTimer = setTimeout(() => this.#send(''), OPEN_WITH_FIRST_MS);
    this.#pingTimer = setInterval(() => this.push(':\n\n'), PING_MS);
  }

  override _read(): void {
    if (!this.#pumping) void this.#pump();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#stopTimers();
    // Not waiting for a pending next(): the subscription's wrappers end it (and free its slot) on return().
    Promise.resolve(this.results.return?.()).then(() => callback(error), () => callback(error));
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      for (;;) {
        let step = await (this.#next ?? this.results.next());
        this.#next = undefined;
        let text = '';
        while (!step.done) {
          text += `event: next\ndata: ${serialise(step.value)}\n\n`;
          const next = this.results.next();
          const ready = await readyNow(next);
          if (ready === WOULD_WAIT) {
            this.#next = next;
            break;
          }
          step = ready;
        }
        if (step.done) {
          this.#send(`${text}event: complete\ndata:\n\n`);
          this.#stopTimers();
          this.push(null);
          return;
        }
        // The client reads slower than results come: wait for it to ask again.
        if (!this.#send(text)) return;
      }
    } catch (error) {
      this.destroy(error as Error);
    } finally {
      this.#pumping = false;
    }
  }

  /** Pushes text, the opening comment first if it has not gone yet. False when the reader wants no more for now. */
  #send(text: string): boolean {
    clearTimeout(this.#openTimer);
    const out = this.#opening + text;
    this.#opening = '';
    return out && !this.destroyed ? this.push(out) : true;
  }

  #stopTimers(): void {
    clearTimeout(this.#openTimer);
    clearInterval(this.#pingTimer);
  }
}

/** As yoga serialises a result: errors and extensions without the internal `http` and `unexpected` entries. */
function serialise(result: ExecutionResult): string {
  if (!result.errors?.length && !result.extensions?.http) return JSON.stringify(result);
  const { http: _http, ...extensions } = result.extensions ?? {};
  return JSON.stringify({
    ...result,
    errors: result.errors?.map((error): GraphQLFormattedError => {
      const json = error.toJSON();
      if (!json.extensions) return json;
      const { http: _h, unexpected: _u, ...rest } = json.extensions;
      return { ...json, extensions: Object.keys(rest).length ? rest : undefined };
    }),
    extensions: Object.keys(extensions).length ? extensions : undefined,
  });
}
