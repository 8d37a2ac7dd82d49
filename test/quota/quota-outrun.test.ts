import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const enc = new Tiktoken(cl100k);
const tokens = (text: string) => enc.encode(text).length;

/** Repeats `unit` until the text has at least `n` cl100k tokens. */
function textOf(unit: string, n: number): string {
  let text = unit;
  while (tokens(text) < n) text += unit;
  return text;
}

/** 3,000 words, whatever max_tokens says: an upstream that ignores the cap. */
const RUNAWAY = Array.from({ length: 3000 }, (_, i) => `w${i % 10}`).join(' ');

const CHAT = `mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } finishReason } }`;

describe('quotas that cannot be outrun', () => {
  let fake: FakeUpstream;
  let gw: TestGateway;
  let userId = '';
  let key = '';

  beforeAll(async () => {
    // It also under-reports: the gateway's own count must win.
    fake = await startFakeOpenAI({ reply: RUNAWAY, usage: { inputTokens: 5, outputTokens: 7 } });
    gw = await startTestGateway({
      config: parseConfig({
        providers: [{ id: 'runaway', plugin: 'openai', baseUrl: fake.url }],
        models: [{ name: 'runaway', primary: { provider: 'runaway', model: 'gpt-4o-mini' } }],
      }),
    });
    const user = await gw.gql(`mutation { createUser(input: { email: "quota@test.local", name: "Quota" }) { id } }`, {}, gw.adminToken);
    userId = user.data.createUser.id;
    const roles = await gw.gql('{ roles { id name } }', {}, gw.adminToken);
    await gw.gql('mutation($u: ID!, $r: [ID!]!) { setUserRoles(userId: $u, roleIds: $r) { id } }', { u: userId, r: [roles.data.roles.find((r: any) => r.name === 'member').id] }, gw.adminToken);
    key = (await gw.gql('mutation($u: ID!) { createApiKey(userId: $u, name: "q") { secret } }', { u: userId }, gw.adminToken)).data.createApiKey.secret;
  });
  afterAll(async () => {
    await gw?.close();
    await fake?.close();
  });

  const setQuota = (input: number | null, output: number | null) =>
    gw.gql('mutation($u: ID!, $i: Long, $o: Long) { setQuota(userId: $u, dailyInputLimit: $i, dailyOutputLimit: $o) { dailyInputLimit } }', { u: userId, i: input, o: output }, gw.adminToken);
  const used = async () => (await gw.gql('{ me { todayUsage { inputTokens outputTokens } } }', {}, key)).data.me.todayUsage;
  const chat = (content: string, maxTokens?: number) => gw.gql(CHAT, { i: { model: 'runaway', messages: [{ role: 'USER', content }], ...(maxTokens ? { maxTokens } : {}) } }, key);

  test('maxTokens omitted: the reserved cap is sent upstream and enforced on an upstream that ignores it; the output quota ends within one request of its limit', async () => {
    await setQuota(null, 2000);
    const before = (await used()).outputTokens;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await chat('Write at length.'));
    const sent = fake.requests.slice(-5).map((r) => r.body.max_completion_tokens ?? r.body.max_tokens);
    expect(sent[0]).toBe(1024);
    const ok = answers.filter((a) => !a.errors);
    expect(ok.length).toBeGreaterThanOrEqual(2);
    for (const a of ok) expect(a.data.chat.finishReason).toBe('length');
    expect(answers.at(-1)!.errors?.[0].extensions?.code).toBe('QUOTA_EXCEEDED');
    const spent = (await used()).outputTokens - before;
    // Never more than one request's worth (here its cap, 1024, with the cut's slack) past the limit.
    expect(spent).toBeLessThanOrEqual(2000 + 1024 * 1.25 + 16);
    // What was billed is what was delivered, counted by the gateway (the upstream said 7).
    expect(spent).toBe(ok.reduce((n, a) => n + a.data.chat.usage.outputTokens, 0));
    expect(ok[0].data.chat.usage.outputTokens).toBeGreaterThan(100);
  });

  test('maxTokens 10 against an upstream that returns 3,000 tokens: the answer is cut near 10', async () => {
    await setQuota(null, null);
    const a = await chat('Say a little.', 10);
    expect(a.errors).toBeUndefined();
    expect(fake.requests.at(-1)!.body.max_completion_tokens ?? fake.requests.at(-1)!.body.max_tokens).toBe(10);
    expect(a.data.chat.finishReason).toBe('length');
    expect(a.data.chat.usage.outputTokens).toBeLessThanOrEqual(40);
    expect(tokens(a.data.chat.text)).toBeLessThanOrEqual(40);
  });

  const scripts = {
    thai: 'สวัสดีครับ วันนี้อากาศดีมาก ',
    hindi: 'नमस्ते, आज मौसम बहुत अच्छा है। ',
    emoji: '😀🎉🚀🌏🧪 ',
    'cjk-extension-b': '𠀀𠀁𠀂𠀃𠀄𠀅 ',
    base64: Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256)).toString('base64'),
    'one-letter words': 'a ',
  };

  test.each(Object.entries(scripts))('a %s prompt over the input limit is refused, whatever its character count suggests', async (_name, unit) => {
    await setQuota(1000, null);
    const before = await used();
    const prompt = textOf(unit, 1100);
    const a = await chat(prompt, 5);
    expect(a.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 'DAILY_INPUT' });
    expect((await used()).inputTokens).toBe(before.inputTokens);
  });

  test('prompts that fit are accepted (counted exactly near the limit), billed at their real size, and the input quota ends within one request of its limit', async () => {
    await setQuota(1_000_000, null);
    const start = (await used()).inputTokens;
    await setQuota(start + 1000, null);
    // Thai at about 3 bytes a token: the byte bound alone would refuse the second one.
    const prompt = textOf(scripts.thai, 300);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await chat(prompt, 5));
    const accepted = results.filter((r) => !r.errors);
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(results.at(-1)!.errors?.[0].extensions?.code).toBe('QUOTA_EXCEEDED');
    for (const r of accepted) expect(r.data.chat.usage.inputTokens).toBeGreaterThanOrEqual(tokens(prompt));
    const spent = (await used()).inputTokens - start;
    expect(spent).toBeLessThanOrEqual(1000 + tokens(prompt) + 20);
  });
});
