import { expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf } from '../fixtures/gateway.ts';
import { useChatGateway } from './chat-gateway.ts';

const CHAT = 'mutation($c: String!) { chat(input: { model: "gpt-test", messages: [{ role: USER, content: $c }] }) { text usage { inputTokens } } }';
// A key with an 'sk-proj-' prefix and a random-looking body: the secret detector's kind openai_key.
const SECRET = 'sk-proj-' + 'Q7vX2mN9pL4kR8tW1zY6bC3dF5gH0jK2'.repeat(2);
const CARD = '6222 0212 3456 7894'; // UnionPay, Luhn-valid
const chat = useChatGateway();

const sentUpstream = () => JSON.stringify(chat.fake.requests.at(-1)!.body);

test('a card number is redacted before the prompt goes upstream, and the hit is recorded without the number', async () => {
  const before = chat.fake.requests.length;
  const r = await chat.gw.gql(CHAT, { c: `请用这张卡付款：${CARD}，谢谢` }, chat.gw.adminToken);
  expect(r.errors).toBeUndefined();
  expect(chat.fake.requests.length).toBe(before + 1);
  expect(sentUpstream()).not.toContain('6222');
  expect(sentUpstream()).toContain('[BANK_CARD]');
  await Promise.all([...chat.gw.gateway.app.background]);
  const events = await chat.gw.gql('{ dlpEvents(first: 5) { totalCount edges { node { detector action count model user { email } } } } }', {}, chat.gw.adminToken);
  expect(events.data.dlpEvents.edges[0].node).toEqual({ detector: 'BANK_CARD', action: 'REDACT', count: 1, model: 'gpt-test', user: { email: 'admin@test.local' } });
  expect(JSON.stringify(events)).not.toContain('6222');
});

test('a secret blocks the chat with DLP_BLOCKED naming the detector, never echoing it, and nothing goes upstream', async () => {
  const before = chat.fake.requests.length;
  const r = await chat.gw.gql(CHAT, { c: `my key is ${SECRET} please debug` }, chat.gw.adminToken);
  expect(codeOf(r)).toBe('DLP_BLOCKED');
  expect(r.errors![0].extensions!.detectors).toEqual(['secret']);
  expect(JSON.stringify(r)).not.toContain(SECRET.slice(8, 20));
  expect(chat.fake.requests.length).toBe(before);
  const audit = await chat.gw.gql('{ auditLog(filter: { action: "dlp.blocked" }) { edges { node { metadata } } } }', {}, chat.gw.adminToken);
  expect(audit.data.auditLog.edges[0].node.metadata.hits).toEqual([expect.objectContaining({ detector: 'secret', action: 'block', count: 1 })]);
  expect(JSON.stringify(audit)).not.toContain(SECRET.slice(8, 20));
  // Blocked before any reservation: no usage was metered for it.
  const usage = await chat.gw.gql('{ me { todayUsage { requests } } }', {}, chat.gw.adminToken);
  expect(usage.data.me.todayUsage.requests).toBe(1);
});

test('policies are per role: a role may be allowed what the organisation blocks, and changes are audited', async () => {
  const api = adminApi(chat.gw);
  const security = await api.createRole('security-team', ['chat']);
  const user = await api.createUser('sec@dlp.test', { roleIds: [security] });
  const key = (await api.createApiKey(user)).secret;
  expect(codeOf(await chat.gw.gql(CHAT, { c: `rotate ${SECRET}` }, key))).toBe('DLP_BLOCKED');
  await api.must('mutation($r: ID) { setDlpPolicy(roleId: $r, detector: SECRET, action: LOG) { id } }', { r: security });
  const allowed = await chat.gw.gql(CHAT, { c: `rotate ${SECRET}` }, key);
  expect(allowed.errors).toBeUndefined();
  expect(sentUpstream()).toContain(SECRET);
  // Everyone else is still blocked.
  expect(codeOf(await chat.gw.gql(CHAT, { c: `rotate ${SECRET}` }, chat.gw.adminToken))).toBe('DLP_BLOCKED');
  const audit = await api.must('{ auditLog(filter: { action: "dlp.policy.update" }) { edges { node { targetId metadata } } } }');
  expect(audit.auditLog.edges[0].node).toEqual({ targetId: security, metadata: { detector: 'secret', changes: { action: { from: null, to: 'LOG' } } } });
  await api.must('mutation($r: ID!) { clearDlpPolicy(roleId: $r, detector: SECRET) }', { r: security });
  expect(codeOf(await chat.gw.gql(CHAT, { c: `rotate ${SECRET}` }, key))).toBe('DLP_BLOCKED');
});

test('the organisation default can be changed, and bad policy input is refused', async () => {
  const api = adminApi(chat.gw);
  await api.must('mutation { setDlpPolicy(detector: EMAIL, action: REDACT) { id } }');
  await chat.gw.gql(CHAT, { c: 'write to li.wei@example.cn' }, chat.gw.adminToken);
  expect(sentUpstream()).toContain('[EMAIL]');
  expect(sentUpstream()).not.toContain('li.wei@example.cn');
  const badRole = await chat.gw.gql('mutation { setDlpPolicy(roleId: "00000000-0000-4000-8000-000000000000", detector: EMAIL, action: LOG) { id } }', {}, chat.gw.adminToken);
  expect(codeOf(badRole)).toBe('NOT_FOUND');
});
