/**
 * Does a streamed answer reach the client as it arrives? The fake upstream
 * (its own process) streams its answer in BENCH_CHUNKS text deltas (default
 * 20) BENCH_CHUNK_INTERVAL_MS apart (default 5), on a schedule; the same chat
 * is then streamed straight from the upstream (the baseline) and through every
 * streaming door of the gateway: Subscription.chat over SSE and over
 * graphql-ws, the OpenAI-compatible POST /v1/chat/completions and the
 * Anthropic-compatible POST /v1/messages with `stream: true`. Each door gets
 * one connection and BENCH_CHATS sequential chats (default 30, after
 * BENCH_WARMUP_CHATS=5 untimed ones), interleaved with the other doors chat by
 * chat. This process parses every SSE frame or WebSocket message and records,
 * with performance.now() from the request's start, when each text-carrying
 * event arrived and how much text it brought.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx bench/stream-pacing.ts
 *
 * The direct chats fix the chunks (the k-th upstream delta ends at a known
 * text length) and when each arrives unhindered (the median over direct chats,
 * per chunk). Through a door, chunk k has arrived with the first event whose
 * cumulative text reaches its end: an event merging several deltas counts for
 * all of them. Per door:
 *   - added first byte: median first text byte through the door minus the direct one's;
 *   - worst chunk lag: per chat, the largest (arrival of chunk k - its direct arrival);
 *     median and max over chats. It takes each chat's unluckiest chunk, so it carries
 *     the upstream's timer jitter too: the direct row's own figures are that noise;
 *   - latest chunk: per chunk, the median over chats of its lag; the largest of these;
 *   - beyond first byte: the worst lag less the chat's own first-chunk lag, i.e. what
 *     was held back after the answer had started (median over chats);
 *   - events per chat: text-carrying events; fewer than the chunks means merging.
 * Target (issue "Speed"): first byte added <= 1 ms and no chunk held back more
 * than 1 ms beyond its direct arrival, median over chats (the latest chunk's
 * median lag): PASS or FAIL. The direct row's worst-lag figures say whether
 * the machine is quiet enough to resolve 1 ms.
 * The gateway runs as in bench/gateway-overhead.ts, production mode with
 * everything on (DLP, quota, budgets, metering, audit, background jobs).
 */
import WebSocket from 'ws';
import { DOORS, direct, median, messages, post, startBenchGateway, wsDoor, type Send } from './bench-gateway.ts';

const CHATS = Number(process.env.BENCH_CHATS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP_CHATS ?? 5);
const CHUNKS = process.env.BENCH_CHUNKS ?? '20';
const INTERVAL_MS = process.env.BENCH_CHUNK_INTERVAL_MS ?? '5';
const LIMIT_MS = 1;

/** One streamed chat as the client saw it: each text-carrying event's arrival (ms from the request's start) and the text length so far. */
type Chat = { at: number; length: number }[];

/** A door as this bench speaks it: opens a session (one connection) that runs chats one after another. */
interface StreamDoor {
  name: string;
  session(): Promise<{ chat(): Promise<Chat>; close(): void }>;
}

/** The text an SSE event carries, if any; throws on an error event. */
type TextOf = (event: string | undefined, data: string) => string | undefined;

/** A streamed chat over HTTP: SSE frames parsed as they arrive, text events timed. Node's fetch keeps the one connection alive between chats. */
function sseDoor(name: string, send: Extract<Send, { kind: 'http' }>, textOf: TextOf): StreamDoor {
  const chat = async (): Promise<Chat> => {
    const started = performance.now();
    const res = await fetch(send.url, { method: 'POST', headers: send.headers, body: send.body, signal: AbortSignal.timeout(30_000) });
    if (res.status !== 200 || !res.body) throw new Error(`${name}: status ${res.status}: ${await res.text()}`);
    const events: Chat = [];
    let length = 0;
    let buffer = '';
    const decoder = new TextDecoder();
    for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
      const at = performance.now() - started;
      buffer = (buffer + decoder.decode(bytes, { stream: true })).replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = frame.find((l) => l.startsWith('event:'))?.slice(6).trim();
        const data = frame
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        const text = data ? textOf(event, data) : undefined;
        if (text) events.push({ at, length: (length += text.length) });
      }
    }
    return events;
  };
  return { name, session: async () => ({ chat, close() {} }) };
}

/** An OpenAI chunk's text (the upstream and the OpenAI door speak the same). */
const openAIText: TextOf = (_event, data) => {
  if (data === '[DONE]') return undefined;
  const chunk = JSON.parse(data);
  if (chunk.error) throw new Error(JSON.stringify(chunk.error));
  return chunk.choices?.[0]?.delta?.content ?? undefined;
};

const anthropicText: TextOf = (event, data) => {
  if (event === 'error') throw new Error(data);
  return event === 'content_block_delta' ? (JSON.parse(data).delta?.text ?? undefined) : undefined;
};

/** A GraphQL execution result's ChatDelta text; throws on its errors. */
function graphqlText(result: { data?: { chat?: { text?: string } }; errors?: unknown }): string | undefined {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data?.chat?.text;
}

/** Subscription.chat over graphql-ws: one socket, authenticated once, subscriptions one after another, timed from `subscribe`. */
function graphqlWsDoor(name: string, send: Extract<Send, { kind: 'ws' }>): StreamDoor {
  const session = async () => {
    const ws = new WebSocket(send.url, 'graphql-transport-ws');
    let onMessage: (m: any, at: number) => void = () => {};
    ws.on('message', (data) => onMessage(JSON.parse(String(data)), performance.now()));
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: send.init })));
      onMessage = (m) => (m.type === 'connection_ack' ? resolve() : reject(new Error(`${name}: ${JSON.stringify(m)}`)));
    });
    let id = 0;
    const chat = () =>
      new Promise<Chat>((resolve, reject) => {
        const events: Chat = [];
        let length = 0;
        const started = performance.now();
        onMessage = (m, at) => {
          try {
            if (m.type === 'next') {
              const text = graphqlText(m.payload);
              if (text) events.push({ at: at - started, length: (length += text.length) });
            } else if (m.type === 'complete') resolve(events);
            else if (m.type === 'error') throw new Error(JSON.stringify(m.payload));
          } catch (error) {
            reject(error);
          }
        };
        ws.send(JSON.stringify({ id: String(++id), type: 'subscribe', payload: send.payload }));
      });
    return { chat, close: () => ws.close(1000) };
  };
  return { name, session };
}

const doorSend = (name: string, url: string, key: string) => DOORS.find((d) => d.name === name)!.send(url, key) as Extract<Send, { kind: 'http' }>;

/** Per chat: when chunk k (ending at text length ends[k]) arrived, from the first event whose text reaches it. */
function chunkArrivals(chat: Chat, ends: number[]): number[] {
  return ends.map((end) => {
    const event = chat.find((e) => e.length >= end);
    if (!event) throw new Error(`a chat ended at ${chat.at(-1)?.length ?? 0} characters, before chunk end ${end}`);
    return event.at;
  });
}

async function main() {
  const bench = await startBenchGateway('pacing', { FAKE_CHUNKS: CHUNKS, FAKE_CHUNK_INTERVAL_MS: INTERVAL_MS });
  const sessions: { close(): void }[] = [];
  try {
    const { server, key, upstreamUrl } = bench;
    const doors: StreamDoor[] = [
      sseDoor('direct (upstream)', direct(upstreamUrl, true), openAIText),
      sseDoor('Subscription.chat (SSE)', doorSend('Subscription.chat (SSE)', server.url, key), (event, data) => (event === 'next' ? graphqlText(JSON.parse(data)) : undefined)),
      graphqlWsDoor('Subscription.chat (WebSocket)', wsDoor(server.url, key)),
      sseDoor('POST /v1/chat/completions (OpenAI, stream)', doorSend('POST /v1/chat/completions (OpenAI, stream)', server.url, key), openAIText),
      sseDoor('POST /v1/messages (Anthropic, stream)', post('/v1/messages', { model: 'bench', max_tokens: 256, messages, stream: true }, 'message_stop')(server.url, key) as Extract<Send, { kind: 'http' }>, anthropicText),
    ];
    const open = [];
    for (const d of doors) open.push(await d.session());
    sessions.push(...open);
    const chats: Chat[][] = doors.map(() => []);
    // Interleaved chat by chat, so a slow moment of the machine falls on every door alike.
    for (let i = 0; i < WARMUP + CHATS; i++) {
      for (const [d, s] of open.entries()) {
        const chat = await s.chat();
        if (i >= WARMUP) chats[d].push(chat);
      }
    }

    // The chunks, from the direct chats: each direct event is one upstream delta.
    const ends = chats[0][0].map((e) => e.length);
    for (const c of chats[0]) if (c.map((e) => e.length).join() !== ends.join()) throw new Error('direct chats differ in their chunks');
    const directArrivals = chats[0].map((c) => chunkArrivals(c, ends));
    const reference = ends.map((_, k) => median(directArrivals.map((a) => a[k])));
    const directFirst = reference[0];

    const lines = [
      `${CHATS} chats per door after ${WARMUP} untimed, one connection each, interleaved; upstream: ${ends.length} text chunks ${INTERVAL_MS} ms apart, ${ends.at(-1)} characters.`,
      '',
      '| path | first text byte ms (median) | added first byte ms | worst chunk lag ms, median over chats | worst chunk lag ms, max | latest chunk, median lag ms | held back beyond first byte ms, median | events per chat (median) | target |',
      '|---|---|---|---|---|---|---|---|---|',
    ];
    for (const [d, door] of doors.entries()) {
      for (const c of chats[d]) if (c.at(-1)!.length !== ends.at(-1)) throw new Error(`${door.name}: ${c.at(-1)!.length} characters, the upstream sent ${ends.at(-1)}`);
      const lags = chats[d].map((c) => chunkArrivals(c, ends).map((t, k) => t - reference[k]));
      const worst = lags.map((l) => Math.max(...l));
      const latestChunk = Math.max(...ends.map((_, k) => median(lags.map((l) => l[k]))));
      const beyondFirst = median(lags.map((l) => Math.max(...l) - l[0]));
      const added = median(lags.map((l) => l[0]));
      const verdict = added <= LIMIT_MS && latestChunk <= LIMIT_MS ? 'PASS' : 'FAIL';
      lines.push(
        `| ${door.name} | ${(directFirst + added).toFixed(2)} | ${added.toFixed(2)} | ${median(worst).toFixed(2)} | ${Math.max(...worst).toFixed(2)} | ${latestChunk.toFixed(2)} | ${beyondFirst.toFixed(2)} | ${median(chats[d].map((c) => c.length))} | ${d === 0 ? 'baseline' : verdict} |`,
      );
    }
    console.log(`\n${lines.join('\n')}`);
    console.log(`\nTarget: first byte added <= ${LIMIT_MS} ms and every chunk's median lag behind its direct arrival <= ${LIMIT_MS} ms. The direct row's lags are the method's own noise.`);
  } finally {
    for (const s of sessions) s.close();
    await bench.stop();
  }
}

await main();
