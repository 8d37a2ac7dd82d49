import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { refusedUrl, type FakeUpstream } from '../fakes/fake-server.ts';
import { startFakeAnthropic } from '../fakes/anthropic.ts';
import { codeOf, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const CHAT = 'mutation($m: String!) { chat(input: { model: $m, messages: [{ role: USER, content: "hello" }] }) { text provider model attempts { provider code error } } }';
let fallback: FakeUpstream;
let gw: TestGateway;

beforeAll(async () => {
  fallback = await startFakeAnthropic({ reply: 'Answer from the fallback.' });
  const dead = await refusedUrl('/v1');
  gw = await startTestGateway({
    config: parseConfig({
      providers: [
        { id: 'openai-primary', plugin: 'openai', baseUrl: dead },
        { id: 'anthropic-fallback', plugin: 'anthropic', baseUrl: fallback.url },
        { id: 'ollama-dead', plugin: 'ollama', baseUrl: dead.replace('/v1', '') },
      ],
      models: [
        { name: 'resilient', primary: { provider: 'openai-primary', model: 'gpt-4o' }, fallbacks: [{ provider: 'anthropic-fallback', model: 'claude-sonnet-4' }] },
        { name: 'doomed', primary: { provider: 'openai-primary', model: 'gpt-4o' }, fallbacks: [{ provider: 'ollama-dead', model: 'llama3' }] },
      ],
      resilience: { maxRetries: 1, baseBackoffMs: 1, maxBackoffMs: 5, circuit: { failureThreshold: 3, openMs: 60_000 } },
    }),
  });
});
afterAll(async () => {
  await gw?.close();
  await fallback?.close();
});

test('a refused primary falls back along the chain; the client sees who answered and every attempt', async () => {
  const r = await gw.gql(CHAT, { m: 'resilient' }, gw.adminToken);
  expect(r.errors).toBeUndefined();
  expect(r.data.chat).toMatchObject({ text: 'Answer from the fallback.', provider: 'anthropic-fallback', model: 'claude-sonnet-4' });
  expect(r.data.chat.attempts.map((a: any) => [a.provider, a.code])).toEqual([
    ['openai-primary', 'network'],
    ['openai-primary', 'network'],
    ['anthropic-fallback', null],
  ]);
});

test('a whole chain down gives PROVIDER_UNAVAILABLE with the list of attempts', async () => {
  const r = await gw.gql(CHAT, { m: 'doomed' }, gw.adminToken);
  expect(codeOf(r)).toBe('PROVIDER_UNAVAILABLE');
  const attempts = r.errors![0].extensions!.attempts as { provider: string }[];
  expect(attempts.map((a) => a.provider)).toContain('ollama-dead');
});

test('once the circuit opens, the dead primary is skipped and Query.providers shows it', async () => {
  await gw.gql(CHAT, { m: 'resilient' }, gw.adminToken);
  const r = await gw.gql(CHAT, { m: 'resilient' }, gw.adminToken);
  expect(r.data.chat.attempts[0]).toMatchObject({ provider: 'openai-primary', code: 'circuit_open' });
  const providers = await gw.gql('{ providers { id plugin available circuit errorRate requests } models { name primary { provider model } fallbacks { provider model } } }', {}, gw.adminToken);
  const byId = Object.fromEntries(providers.data.providers.map((p: any) => [p.id, p]));
  expect(byId['openai-primary']).toMatchObject({ plugin: 'openai', available: true, circuit: 'OPEN' });
  expect(byId['openai-primary'].errorRate).toBeGreaterThan(0.5);
  expect(byId['anthropic-fallback']).toMatchObject({ circuit: 'CLOSED', errorRate: 0 });
  expect(providers.data.models.find((m: any) => m.name === 'resilient')).toEqual({
    name: 'resilient',
    primary: { provider: 'openai-primary', model: 'gpt-4o' },
    fallbacks: [{ provider: 'anthropic-fallback', model: 'claude-sonnet-4' }],
  });
});

test('a member may list models but not provider health', async () => {
  const member = await gw.gql('{ roles { id name } }', {}, gw.adminToken);
  const memberRole = member.data.roles.find((r: any) => r.name === 'member').id;
  const user = await gw.gql('mutation($r: ID!) { createUser(input: { email: "m@fo.test", name: "M", roleIds: [$r] }) { id } }', { r: memberRole }, gw.adminToken);
  const key = await gw.gql('mutation($u: ID!) { createApiKey(userId: $u, name: "k") { secret } }', { u: user.data.createUser.id }, gw.adminToken);
  const secret = key.data.createApiKey.secret;
  expect((await gw.gql('{ models { name } }', {}, secret)).data.models).toHaveLength(2);
  expect(codeOf(await gw.gql('{ providers { id } }', {}, secret))).toBe('FORBIDDEN');
});
