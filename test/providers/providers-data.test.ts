import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../fakes/openai.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { codeOf, startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { dropRedisPrefix, redisAvailable, TEST_REDIS_URL, testRedisPrefix } from '../fixtures/redis.ts';

const KEY = 'sk-test-4f9d2c7a1b8e6f3d0c5a9b2e7f1d4c8a';
const SECRET = Buffer.alloc(32, 7);
const PROVIDER_FIELDS = 'id plugin baseUrl options apiKeySet apiKeyLast4 enabled editable available loadError';

const chat = (gw: TestGateway, model: string) =>
  gw.gql(`mutation($m: String!) { chat(input: { model: $m, messages: [{ role: USER, content: "hello" }] }) { text provider model attempts { provider code } } }`, { m: model }, gw.adminToken);

describe.skipIf(!process.env.DATABASE_URL)('providers, models and routes as data (PostgreSQL)', () => {
  let a: TestGateway;
  let b: TestGateway;
  let first: FakeUpstream;
  let second: FakeUpstream;
  let db: pg.Pool;

  beforeAll(async () => {
    first = await startFakeOpenAI({ reply: 'from first', apiKey: KEY, models: ['first-model'] });
    second = await startFakeOpenAI({ reply: 'from second', models: ['second-model'] });
    a = await startTestGateway({ providersFrom: 'database', secrets: { key: SECRET } });
    b = await startSecondGateway(a, { providersFrom: 'database', secrets: { key: SECRET } });
    db = new pg.Pool({ connectionString: a.databaseUrl, max: 1 });
  });

  afterAll(async () => {
    await db?.end();
    await b?.close();
    await a?.close();
    await first?.close();
    await second?.close();
  });

  it('seeds the config file into the database on the first start', async () => {
    const { rows } = await db.query('select id, plugin from provider_instance order by id');
    expect(rows).toEqual([{ id: 'mock', plugin: 'mock' }]);
    const models = await a.gql('{ models { name editable primary { provider model } } }', {}, a.adminToken);
    expect(models.data.models.map((m: any) => m.name)).toEqual(['mock-small', 'mock-large']);
    expect(models.data.models[0].editable).toBe(true);
  });

  it('stores a provider key sealed, never returns it, and chats through the new provider on every instance without a restart', async () => {
    const created = await a.gql(
      `mutation($i: CreateProviderInput!) { createProvider(input: $i) { ${PROVIDER_FIELDS} } }`,
      { i: { id: 'first', plugin: 'openai-compatible', baseUrl: first.url, apiKey: KEY, options: { streamUsage: true } } },
      a.adminToken,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createProvider).toMatchObject({ id: 'first', apiKeySet: true, apiKeyLast4: KEY.slice(-4), available: true, editable: true });
    await a.gql(`mutation($i: CreateProviderInput!) { createProvider(input: $i) { id } }`, { i: { id: 'second', plugin: 'openai-compatible', baseUrl: second.url } }, a.adminToken);

    const model = await a.gql(
      `mutation($i: CreateModelInput!) { createModel(input: $i) { name primary { provider model } fallbacks { provider model } } }`,
      { i: { name: 'assistant', primary: { provider: 'first', model: 'first-model' }, fallbacks: [{ provider: 'second', model: 'second-model' }] } },
      a.adminToken,
    );
    expect(model.errors).toBeUndefined();
    expect((await chat(a, 'assistant')).data.chat).toMatchObject({ text: 'from first', provider: 'first' });

    // The key is in no answer of the API, and in the table only as ciphertext.
    const everything = await a.gql(`{ providers { ${PROVIDER_FIELDS} apiKeyEnv maxConcurrent } auditLog(first: 50) { edges { node { action metadata } } } }`, {}, a.adminToken);
    expect(JSON.stringify(everything)).not.toContain(KEY);
    expect(JSON.stringify(everything)).not.toContain(KEY.slice(3, 20));
    const { rows } = await db.query('select * from provider_instance where id = $1', ['first']);
    const stored = JSON.stringify(rows[0]);
    expect(rows[0].api_key_ciphertext).toMatch(/^v1\.[0-9a-f]{12}\./);
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain(KEY.slice(3, 20));
    expect(Buffer.from(rows[0].api_key_ciphertext.split('.')[2], 'base64').toString('latin1')).not.toContain(KEY.slice(3, 20));
    expect(first.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);

    // The second instance heard of it over the bus: it serves the new model within a second.
    const started = performance.now();
    let answer: any;
    while (performance.now() - started < 1000) {
      answer = await chat(b, 'assistant');
      if (answer.data?.chat) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(answer.data?.chat).toMatchObject({ text: 'from first', provider: 'first' });
    const reachedMs = performance.now() - started;
    console.log(`[providers] second instance served the new model after ${reachedMs.toFixed(0)} ms`);
    expect(reachedMs).toBeLessThan(1000);
  });

  it('changes a route on both instances; the next chat takes it', async () => {
    const changed = await a.gql(
      `mutation { updateModel(name: "assistant", input: { primary: { provider: "second", model: "second-model" }, fallbacks: [{ provider: "first", model: "first-model" }] }) { primary { provider } } }`,
      {},
      a.adminToken,
    );
    expect(changed.data.updateModel.primary.provider).toBe('second');
    expect((await chat(a, 'assistant')).data.chat).toMatchObject({ text: 'from second', provider: 'second' });
    const started = performance.now();
    let answer: any;
    do answer = await chat(b, 'assistant');
    while (answer.data?.chat?.provider !== 'second' && performance.now() - started < 1000 && (await new Promise((r) => setTimeout(r, 20)), true));
    expect(answer.data.chat.provider).toBe('second');
  });

  it('keeps a chat in flight on the router it started with', async () => {
    second.setFault({ type: 'delay', ms: 400 }, { times: 1 });
    const running = chat(a, 'assistant');
    await new Promise((r) => setTimeout(r, 100));
    await a.gql(`mutation { updateModel(name: "assistant", input: { primary: { provider: "first", model: "first-model" }, fallbacks: [] }) { name } }`, {}, a.adminToken);
    expect((await running).data?.chat?.provider).toBe('second');
    expect((await chat(a, 'assistant')).data.chat.provider).toBe('first');
  });

  it('keeps circuit state across a rebuild for providers whose settings did not change', async () => {
    const circuit = async (id: string) => (await a.gql('{ providers { id circuit } }', {}, a.adminToken)).data.providers.find((p: any) => p.id === id).circuit;
    second.setFault({ type: 'status', status: 503 });
    try {
      await a.gql(`mutation { createModel(input: { name: "flaky", primary: { provider: "second", model: "second-model" }, fallbacks: [{ provider: "first", model: "first-model" }] }) { name } }`, {}, a.adminToken);
      for (let i = 0; i < 2; i++) expect((await chat(a, 'flaky')).data.chat.provider).toBe('first');
      expect(await circuit('second')).toBe('OPEN');
      // Another model's route changes: the breaker of the untouched provider stays open.
      await a.gql(`mutation { updateModel(name: "assistant", input: { capabilities: { contextWindow: 64000 } }) { name } }`, {}, a.adminToken);
      expect(await circuit('second')).toBe('OPEN');
      // Its own settings change: it starts afresh.
      await a.gql(`mutation { updateProvider(id: "second", input: { maxConcurrent: 64 }) { id } }`, {}, a.adminToken);
      expect(await circuit('second')).toBe('CLOSED');
    } finally {
      second.setFault(null);
      await a.gql('mutation { deleteModel(name: "flaky") }', {}, a.adminToken);
    }
  });

  it('answers typed errors with the field', async () => {
    const bad = async (query: string, variables: Record<string, unknown>) => (await a.gql(query, variables, a.adminToken)).errors?.[0]?.extensions;
    const create = 'mutation($i: CreateProviderInput!) { createProvider(input: $i) { id } }';
    expect(await bad(create, { i: { id: 'bad id', plugin: 'openai-compatible' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await bad(create, { i: { id: 'x', plugin: 'nope' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'plugin' });
    expect(await bad(create, { i: { id: 'x', plugin: 'openai-compatible', baseUrl: 'ftp://x' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'baseUrl' });
    expect(await bad(create, { i: { id: 'x', plugin: 'openai-compatible', options: { timeoutMs: 'soon' } } })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await bad(create, { i: { id: 'first', plugin: 'openai-compatible' } })).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const model = 'mutation($i: CreateModelInput!) { createModel(input: $i) { name } }';
    expect(await bad(model, { i: { name: 'm2', primary: { provider: 'ghost', model: 'x' } } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'primary.provider' });
    expect(await bad(model, { i: { name: 'm2', primary: { provider: 'first', model: 'x' }, fallbacks: [{ provider: 'first', model: ' ' }] } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fallbacks.0.model',
    });
    expect(await bad(`mutation { deleteProvider(id: "first") }`, {})).toMatchObject({ code: 'CONFLICT', models: ['assistant'] });
  });

  it('tests a provider: its health and the models it lists, failures by class only', async () => {
    const ok = await a.gql('mutation { testProvider(id: "first") { ok error models } }', {}, a.adminToken);
    expect(ok.data.testProvider).toEqual({ ok: true, error: null, models: ['first-model'] });
    await a.gql(`mutation { updateProvider(id: "first", input: { apiKey: "sk-wrong-wrong-wrong-1234" }) { apiKeyLast4 } }`, {}, a.adminToken);
    const refused = await a.gql('mutation { testProvider(id: "first") { ok error models } }', {}, a.adminToken);
    expect(refused.data.testProvider).toMatchObject({ ok: false, models: [] });
    expect(refused.data.testProvider.error).not.toContain('sk-wrong');
  });

  it('refuses changes without providers:write, and records them in the audit trail', async () => {
    const audit = await a.gql('{ auditLog(filter: { targetId: "assistant" }, first: 10) { edges { node { action } } } }', {}, a.adminToken);
    expect(audit.data.auditLog.edges.map((e: any) => e.node.action)).toContain('model.update');
    const role = await a.gql('mutation { createRole(input: { name: "provider-reader", permissions: ["providers:read"] }) { id } }', {}, a.adminToken);
    await a.gql('mutation($r: [ID!]!) { createUser(input: { email: "reader@test.local", name: "Reader", password: "a-long-reader-passphrase-9", roleIds: $r }) { id } }', { r: [role.data.createRole.id] }, a.adminToken);
    const token = await a.login('reader@test.local', 'a-long-reader-passphrase-9');
    expect((await a.gql('{ providers { id apiKeySet } }', {}, token)).data.providers.length).toBeGreaterThan(0);
    expect(codeOf(await a.gql('mutation { deleteModel(name: "assistant") }', {}, token))).toBe('FORBIDDEN');
  });
});

describe('providers from the config file (read-only)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ providersFrom: 'config', providerPollMs: 20 });
  });
  afterAll(() => gw?.close());

  it('never rebuilds what the file defines (no counter to watch)', async () => {
    const running = gw.gateway.app.providers.instances;
    await new Promise((r) => setTimeout(r, 150));
    expect(gw.gateway.app.providers.instances).toBe(running);
  });

  it('lists the config entries as not editable and refuses changes with READ_ONLY', async () => {
    const read = await gw.gql('{ providersSource providers { id editable } models { name editable } }', {}, gw.adminToken);
    expect(read.data).toMatchObject({ providersSource: 'CONFIG', providers: [{ id: 'mock', editable: false }] });
    const refused = await gw.gql('mutation { createProvider(input: { id: "x", plugin: "mock" }) { id } }', {}, gw.adminToken);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'READ_ONLY', source: 'CONFIG' });
    expect(codeOf(await gw.gql('mutation { deleteModel(name: "mock-small") }', {}, gw.adminToken))).toBe('READ_ONLY');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('reload on change over a Redis bus', () => {
  let a: TestGateway | undefined;
  let b: TestGateway | undefined;
  let prefix = '';
  afterAll(async () => {
    await b?.close();
    await a?.close();
    if (prefix) await dropRedisPrefix(prefix);
  });

  it('a route changed on one instance is taken by the other within a second', async (ctx) => {
    if (!(await redisAvailable())) {
      if (process.env.CI === 'true') throw new Error(`Redis is not answering at ${TEST_REDIS_URL}`);
      return ctx.skip();
    }
    prefix = testRedisPrefix();
    // Polling is off: only the bus can tell the second instance.
    const options = { providersFrom: 'database' as const, secrets: { key: SECRET }, redis: { url: TEST_REDIS_URL, prefix }, providerPollMs: 3_600_000 };
    a = await startTestGateway(options);
    b = await startSecondGateway(a, options);
    expect(b.gateway.app.bus.kind).toBe('redis');
    await a.gql('mutation { updateModel(name: "mock-small", input: { primary: { provider: "mock", model: "mock-large" } }) { name } }', {}, a.adminToken);
    const started = performance.now();
    let model: string | undefined;
    while (performance.now() - started < 1000) {
      model = (await chat(b, 'mock-small')).data?.chat?.model;
      if (model === 'mock-large') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(model).toBe('mock-large');
    console.log(`[providers] over Redis the second instance took the new route after ${(performance.now() - started).toFixed(0)} ms`);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('an instance that missed the message', () => {
  let gw: TestGateway | undefined;
  afterAll(() => gw?.close());

  it('catches up from the catalog counter', async () => {
    gw = await startTestGateway({ providersFrom: 'database', secrets: { key: SECRET }, providerPollMs: 100 });
    // A change nobody announced: as if the bus message was lost.
    const db = new pg.Pool({ connectionString: gw.databaseUrl, max: 1 });
    await db.query(`insert into gateway_model (name) values ('unannounced')`);
    await db.query(`insert into gateway_model_target (model_name, position, provider_id, provider_model) values ('unannounced', 0, 'mock', 'mock-small')`);
    await db.query('update provider_catalog set version = version + 1');
    await db.end();
    const started = performance.now();
    while (!gw.gateway.app.providers.modelNames.has('unannounced') && performance.now() - started < 2000) await new Promise((r) => setTimeout(r, 20));
    expect(gw.gateway.app.providers.modelNames.has('unannounced')).toBe(true);
    expect((await chat(gw, 'unannounced')).data.chat.provider).toBe('mock');
  });
});
