import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { adminApi } from '../fixtures/admin-api.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, wsClient, type ListeningGateway } from '../fixtures/http.ts';

const WS_AUTH_TIMEOUT_MS = 500;
const BODY_TIMEOUT_MS = 1000;
const USAGE_EVENTS = 'subscription { usageEvents { model outcome } }';

let gw: TestGateway;
let server: ListeningGateway;
let memberKey: string;
let watcherKey: string;

beforeAll(async () => {
  gw = await startTestGateway({ yoga: { maxSubscriptionsPerUser: 3, maxSubscriptions: 5 } });
  server = await listen(gw, { wsAuthTimeoutMs: WS_AUTH_TIMEOUT_MS, bodyTimeoutMs: BODY_TIMEOUT_MS, headersTimeoutMs: BODY_TIMEOUT_MS });
  const api = adminApi(gw);
  memberKey = (await api.createApiKey(await api.createUser('member@caps.test', { roleIds: [await api.roleId('member')] }))).secret;
  const watchers = await api.createRole('watchers', ['usage:read']);
  watcherKey = (await api.createApiKey(await api.createUser('watcher@caps.test', { roleIds: [watchers] }))).secret;
});
afterAll(async () => {
  await server?.close();
  await gw?.close();
});

/** A raw graphql-ws socket; resolves with the close code and how long the socket lived. */
function rawSocket(init?: Record<string, unknown>): Promise<{ code: number; reason: string; ms: number; acked: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    let acked = false;
    socket.on('open', () => init && socket.send(JSON.stringify({ type: 'connection_init', payload: init })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') {
        acked = true;
        socket.close(1000);
      }
    });
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason), ms: performance.now() - started, acked }));
    socket.on('error', reject);
  });
}

describe('WebSocket connections must authenticate', () => {
  test('a socket that never sends connection_init is closed once the auth timeout passes', async () => {
    const closed = await rawSocket();
    expect(closed.code).toBe(4408);
    expect(closed.ms).toBeGreaterThanOrEqual(WS_AUTH_TIMEOUT_MS - 50);
    expect(closed.ms).toBeLessThan(WS_AUTH_TIMEOUT_MS + 1500);
  });

  test('connection_init without valid credentials is closed at once with 4401', async () => {
    for (const payload of [{}, { authorization: 'Bearer zgk_deadbeef_nope' }, { authorization: 'hello' }, { Authorization: '' }]) {
      const closed = await rawSocket(payload);
      expect(closed.code, JSON.stringify(payload)).toBe(4401);
      expect(closed.acked).toBe(false);
      expect(closed.ms).toBeLessThan(WS_AUTH_TIMEOUT_MS);
    }
  });

  test('a suspended user is closed with 4403; a valid key is acknowledged', async () => {
    const api = adminApi(gw);
    const id = await api.createUser('paused@caps.test', { roleIds: [await api.roleId('member')] });
    const key = await api.createApiKey(id);
    expect((await rawSocket({ authorization: `Bearer ${key.secret}` })).acked).toBe(true);
    await api.must('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { status } }', { id });
    expect((await rawSocket({ authorization: `Bearer ${key.secret}` })).code).toBe(4403);
  });

  test('a hundred anonymous sockets are all closed; none outlives the auth timeout by much', async () => {
    const started = performance.now();
    const closed = await Promise.all(Array.from({ length: 100 }, (_, i) => rawSocket(i % 2 ? {} : undefined)));
    expect(closed.every((c) => c.code === 4401 || c.code === 4408)).toBe(true);
    expect(performance.now() - started).toBeLessThan(WS_AUTH_TIMEOUT_MS + 1500);
  });
});

/** Opens an SSE subscription and resolves once its response has started (or was refused). */
async function openSse(token: string, controller = new AbortController()) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: USAGE_EVENTS }),
    signal: controller.signal,
  });
  return { response, controller };
}

/** The first `next` payload of an SSE response (refusals arrive as one). */
async function firstEvent(response: Response): Promise<any> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended: ${buffer}`);
    buffer += decoder.decode(value, { stream: true });
    const data = /event: next\ndata: (.*)\n/.exec(buffer)?.[1];
    if (data) {
      await reader.cancel();
      return JSON.parse(data);
    }
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('open subscriptions are capped per user and per instance, over SSE and WebSocket together', () => {
  test('the fourth subscription of one user is refused with TOO_MANY_SUBSCRIPTIONS; closing one frees its slot', async () => {
    const open = [await openSse(gw.adminToken), await openSse(gw.adminToken)];
    const ws = wsClient(server.wsUrl, gw.adminToken);
    const wsEvents = ws.iterate({ query: USAGE_EVENTS });
    const wsNext = wsEvents.next();
    await wait(200);
    try {
      expect(open.map((o) => o.response.status)).toEqual([200, 200]);
      const refused = await openSse(gw.adminToken);
      const payload = await firstEvent(refused.response);
      expect(payload.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'USER' });
      expect(payload.errors[0].message).toMatch(/at most 3 per user/);

      const refusedOverWs = await wsClient(server.wsUrl, gw.adminToken)
        .iterate({ query: USAGE_EVENTS })
        .next()
        .then((r) => r.value, (e) => e);
      expect(JSON.stringify(refusedOverWs)).toContain('TOO_MANY_SUBSCRIPTIONS');

      open.pop()!.controller.abort();
      let again: Awaited<ReturnType<typeof openSse>> | undefined;
      const deadline = performance.now() + 3000;
      for (; performance.now() < deadline; await wait(100)) {
        again = await openSse(gw.adminToken);
        const text = await Promise.race([firstEvent(again.response).then((p) => JSON.stringify(p)), wait(300).then(() => 'open')]);
        if (text === 'open') break;
        again = undefined;
      }
      expect(again, 'a slot is freed once the client goes away').toBeDefined();
      open.push(again!);
    } finally {
      for (const o of open) o.controller.abort();
      await wsEvents.return?.(undefined);
      void wsNext.catch(() => {});
      await ws.dispose();
    }
  });

  test('the instance cap counts every user: past it, anyone is refused until a slot frees', async () => {
    await wait(300); // slots of the previous test are released when its streams end
    const open = [];
    try {
      for (let i = 0; i < 3; i++) open.push(await openSse(gw.adminToken));
      for (let i = 0; i < 2; i++) open.push(await openSse(watcherKey));
      await wait(200);
      const refused = await openSse(watcherKey);
      const payload = await firstEvent(refused.response);
      expect(payload.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'INSTANCE' });
    } finally {
      for (const o of open) o.controller.abort();
    }
  });

  test('chat streams are not capped per user (the chat admission limit bounds them), only counted per instance', async () => {
    await wait(300);
    const feeds = [];
    try {
      for (let i = 0; i < 3; i++) feeds.push(await openSse(gw.adminToken));
      const chat = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${gw.adminToken}` },
        body: JSON.stringify({ query: 'subscription { chat(input: { model: "mock-small", messages: [{ role: USER, content: "hi" }] }) { ... on ChatCompleted { result { text } } } }' }),
      });
      const text = await chat.text();
      expect(text).toContain('"result"');
      expect(text).not.toContain('TOO_MANY_SUBSCRIPTIONS');
    } finally {
      for (const o of feeds) o.controller.abort();
    }
  });

  test('a refused permission does not hold a slot', async () => {
    await wait(300);
    for (let i = 0; i < 5; i++) {
      const r = await openSse(memberKey);
      expect((await firstEvent(r.response)).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const ok = await openSse(gw.adminToken);
    const text = await Promise.race([firstEvent(ok.response).then((p) => JSON.stringify(p)), wait(300).then(() => 'open')]);
    ok.controller.abort();
    expect(text).toBe('open');
  });
});

/** Sends raw bytes on a new TCP connection and resolves with what came back and when the server closed it. */
function rawHttp(write: (socket: import('node:net').Socket) => void): Promise<{ response: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server.url);
    const started = performance.now();
    const socket = connect(Number(port), '127.0.0.1', () => write(socket));
    let response = '';
    socket.on('data', (d) => (response += d));
    socket.on('close', () => resolve({ response, ms: performance.now() - started }));
    socket.on('error', reject);
  });
}

describe('slow requests are cut', () => {
  test('a body trickled a byte at a time is answered 408 once the body timeout passes', async () => {
    const body = JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(200) });
    let timer: NodeJS.Timeout | undefined;
    const result = await rawHttp((socket) => {
      socket.write(`POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      let sent = 0;
      timer = setInterval(() => {
        if (socket.destroyed || sent >= body.length) return clearInterval(timer);
        socket.write(body[sent++]);
      }, 100);
    });
    clearInterval(timer);
    expect(result.response).toMatch(/^HTTP\/1\.1 408/);
    expect(result.ms).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 100);
    expect(result.ms).toBeLessThan(BODY_TIMEOUT_MS + 2500);
  });

  test('headers trickled a byte at a time are cut too', async () => {
    let timer: NodeJS.Timeout | undefined;
    const result = await rawHttp((socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: gateway\r\n');
      timer = setInterval(() => !socket.destroyed && socket.write('X'), 100);
    });
    clearInterval(timer);
    expect(result.response).toMatch(/^HTTP\/1\.1 408/);
    expect(result.ms).toBeLessThan(BODY_TIMEOUT_MS + 2500);
  });

  test('long-lived subscriptions are not cut by the request timeout: SSE and WebSocket stay open and deliver', async () => {
    const sse = await openSse(gw.adminToken);
    const ws = wsClient(server.wsUrl, gw.adminToken);
    const wsEvents = ws.iterate({ query: USAGE_EVENTS });
    try {
      const sseEvent = firstEvent(sse.response);
      const wsEvent = wsEvents.next();
      await wait(BODY_TIMEOUT_MS + 1500);
      const chat = await gw.gql('mutation { chat(input: { model: "mock-small", messages: [{ role: USER, content: "still there?" }] }) { text } }', {}, gw.adminToken);
      expect(chat.errors).toBeUndefined();
      expect((await sseEvent).data.usageEvents).toEqual({ model: 'mock-small', outcome: 'ok' });
      expect((await wsEvent).value.data.usageEvents).toEqual({ model: 'mock-small', outcome: 'ok' });
    } finally {
      sse.controller.abort();
      await wsEvents.return?.(undefined);
      await ws.dispose();
    }
  });
});
