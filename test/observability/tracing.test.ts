import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { createLogger } from '../../server/logger.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { refusedUrl, type FakeUpstream } from '../fakes/fake-server.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, type ListeningGateway } from '../fixtures/http.ts';

/** A span as the OTLP HTTP exporter sends it in JSON (ids as hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP HTTP receiver on 127.0.0.1: keeps every span posted to /v1/traces (JSON encoding). */
async function startOtlpReceiver(): Promise<{ url: string; spans: OtlpSpan[]; contentTypes: string[]; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        contentTypes.push(req.headers['content-type'] ?? '');
        const payload = JSON.parse(body);
        for (const rs of payload.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, contentTypes, close: () => new Promise((r) => server.close(() => r())) };
}

const CLIENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const CHAT = `mutation($i: ChatInput!) { chat(input: $i) { text } }`;

/** Set up before a describe's tests: an OTLP receiver, a fake OpenAI upstream and a gateway exporting to the receiver. */
interface TracedSetup {
  receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  fake: FakeUpstream;
  gw: TestGateway;
  http: ListeningGateway;
}

/** Starts the set-up before the describe's tests and stops it after; `gateway` gives the gateway's options from the receiver and the fake's URLs. */
function tracedGateway(reply: string, gateway: (receiverUrl: string, fakeUrl: string) => Promise<Parameters<typeof startTestGateway>[0]>): TracedSetup {
  const setup = {} as TracedSetup;
  beforeAll(async () => {
    setup.receiver = await startOtlpReceiver();
    setup.fake = await startFakeOpenAI({ reply, usage: { inputTokens: 3, outputTokens: 2 } });
    setup.gw = await startTestGateway(await gateway(setup.receiver.url, setup.fake.url));
    setup.http = await listen(setup.gw);
  });
  afterAll(async () => {
    await setup.http?.close();
    await setup.gw?.close();
    await setup.fake?.close();
    await setup.receiver?.close();
  });
  return setup;
}

describe('traces of a chat', () => {
  const lines: string[] = [];
  const setup = tracedGateway('traced reply', async (receiverUrl, fakeUrl) => ({
    logger: createLogger({ level: 'info', traceIds: true, destination: { write: (line: string) => lines.push(line) } }),
    tracing: { endpoint: receiverUrl },
    config: parseConfig({
      providers: [
        { id: 'fake', plugin: 'openai', baseUrl: fakeUrl },
        { id: 'down', plugin: 'openai-compatible', baseUrl: await refusedUrl('/v1') },
      ],
      models: [{ name: 'failover', primary: { provider: 'down', model: 'm' }, fallbacks: [{ provider: 'fake', model: 'gpt-4o-mini' }] }],
      resilience: { maxRetries: 0 },
    }),
  }));

  test('one chat with a client traceparent: chat span in the client trace, stages and attempts under it, the upstream joins the trace, log lines carry the trace id', async () => {
    const res = await fetch(`${setup.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.gw.adminToken}`, traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` },
      body: JSON.stringify({ query: CHAT, variables: { i: { model: 'failover', messages: [{ role: 'USER', content: 'hello' }] } } }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.chat.text).toBe('traced reply');

    // The batch processor sends within about a second.
    const deadline = Date.now() + 10_000;
    const named = (name: string) => setup.receiver.spans.filter((s) => s.name === name && s.traceId === CLIENT_TRACE);
    while ((named('chat').length === 0 || named('settlement').length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(setup.receiver.contentTypes[0]).toBe('application/json');

    const [chat] = named('chat');
    expect(chat).toBeDefined();
    expect(chat.parentSpanId).toBe(CLIENT_SPAN);
    const attr = (span: OtlpSpan, key: string) => Object.values(span.attributes?.find((a) => a.key === key)?.value ?? {})[0];
    expect(attr(chat, 'gen_ai.request.model')).toBe('failover');

    const children = setup.receiver.spans.filter((s) => s.parentSpanId === chat.spanId);
    expect(children.map((s) => s.name).sort()).toEqual(['admission', 'auth', 'provider.attempt', 'provider.attempt', 'settlement']);
    for (const s of children) expect(s.traceId).toBe(CLIENT_TRACE);
    const [admission] = named('admission');
    expect(named('dlp').map((s) => s.parentSpanId)).toEqual([admission.spanId]);

    const attempts = named('provider.attempt');
    expect(attempts.map((s) => attr(s, 'zero.provider')).sort()).toEqual(['down', 'fake']);
    const answered = attempts.find((s) => attr(s, 'zero.provider') === 'fake')!;

    // The upstream got the answering attempt's context: same trace, parent = that attempt's span.
    const sent = setup.fake.requests.at(-1)!.headers.traceparent as string;
    expect(sent).toBe(`00-${CLIENT_TRACE}-${answered.spanId}-01`);

    // The access log line of the request carries the client's trace id.
    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request' && l.path === '/graphql');
    expect(logged.at(-1)?.trace_id).toBe(CLIENT_TRACE);
  });

  test('without a client traceparent the chat starts a trace of its own, and requests that are not chats keep their HTTP span', async () => {
    const res = await fetch(`${setup.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.gw.adminToken}` },
      body: JSON.stringify({ query: CHAT, variables: { i: { model: 'failover', messages: [{ role: 'USER', content: 'again' }] } } }),
    });
    expect((await res.json()).errors).toBeUndefined();
    await fetch(`${setup.http.url}/healthz`);
    const deadline = Date.now() + 10_000;
    const roots = () => setup.receiver.spans.filter((s) => s.name === 'chat' && !s.parentSpanId);
    while ((roots().length === 0 || !setup.receiver.spans.some((s) => s.name === 'GET health')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const [chat] = roots();
    expect(chat.traceId).not.toBe(CLIENT_TRACE);
    expect(setup.receiver.spans.filter((s) => s.traceId === chat.traceId && s.name === 'provider.attempt')).toHaveLength(2);
    expect(setup.fake.requests.at(-1)!.headers.traceparent).toMatch(new RegExp(`^00-${chat.traceId}-[0-9a-f]{16}-01$`));
  });

  test('an embedding call is traced as `embeddings`, with its admission (DLP inside), its provider attempts and settlement', async () => {
    const res = await fetch(`${setup.http.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.gw.adminToken}` },
      body: JSON.stringify({ model: 'failover', input: 'embed me' }),
    });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 10_000;
    const embedding = () => setup.receiver.spans.find((s) => s.name === 'embeddings');
    const children = () => setup.receiver.spans.filter((s) => s.parentSpanId === embedding()?.spanId);
    while (!children().some((s) => s.name === 'settlement') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // One attempt on the refusing primary, one on the fallback that answered.
    expect(children().map((s) => s.name).filter((name) => name !== 'auth').sort()).toEqual(['admission', 'provider.attempt', 'provider.attempt', 'settlement']);
    const admission = children().find((s) => s.name === 'admission')!;
    expect(setup.receiver.spans.filter((s) => s.parentSpanId === admission.spanId).map((s) => s.name)).toEqual(['dlp']);
  });
});

describe('traces kept by a sampler', () => {
  const setup = tracedGateway('sampled reply', async (receiverUrl, fakeUrl) => ({
    // No new trace is kept; a client that keeps its trace has it kept here too.
    tracing: { endpoint: receiverUrl, sampler: { name: 'parentbased_traceidratio', ratio: 0 } },
    config: parseConfig({ providers: [{ id: 'fake', plugin: 'openai', baseUrl: fakeUrl }], models: [{ name: 'm', primary: { provider: 'fake', model: 'gpt-4o-mini' } }] }),
  }));

  const chat = (headers: Record<string, string> = {}) =>
    fetch(`${setup.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.gw.adminToken}`, ...headers },
      body: JSON.stringify({ query: CHAT, variables: { i: { model: 'm', messages: [{ role: 'USER', content: 'hello' }] } } }),
    }).then((r) => r.json());

  test('drops a new trace at ratio 0 but tells the upstream it was not sampled, and keeps a trace the client sampled', async () => {
    expect((await chat()).errors).toBeUndefined();
    const unsampled = setup.fake.requests.at(-1)!.headers.traceparent as string;
    expect(unsampled).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);

    expect((await chat({ traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01` })).errors).toBeUndefined();
    const deadline = Date.now() + 10_000;
    const settled = () => setup.receiver.spans.some((s) => s.name === 'settlement' && s.traceId === CLIENT_TRACE);
    while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(settled()).toBe(true);
    expect(setup.fake.requests.at(-1)!.headers.traceparent).toMatch(new RegExp(`^00-${CLIENT_TRACE}-[0-9a-f]{16}-01$`));
    // Every span the receiver got belongs to the client's trace: the first chat left none.
    expect(new Set(setup.receiver.spans.map((s) => s.traceId))).toEqual(new Set([CLIENT_TRACE]));
    expect(setup.receiver.spans.some((s) => s.traceId === unsampled.split('-')[1])).toBe(false);
  });
});
