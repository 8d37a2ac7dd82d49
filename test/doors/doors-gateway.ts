/**
 * A gateway served on a real port for the vendor SDKs, with the mock (every
 * plugin API 2 feature), fake OpenAI and Anthropic upstreams, and a chain that
 * is all down; and the users the tests act as: a chatting member, a user whose
 * role cannot chat, one with a tiny quota, one whose prompts DLP blocks.
 */
import { parseConfig } from '../../server/config/index.ts';
import { startFakeAnthropic } from '../fakes/anthropic.ts';
import { refusedUrl, type FakeUpstream } from '../fakes/fake-server.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, type ListeningGateway } from '../fixtures/http.ts';

export interface DoorsGateway {
  gw: TestGateway;
  server: ListeningGateway;
  openaiUpstream: FakeUpstream;
  anthropicUpstream: FakeUpstream;
  keys: { member: string; noChat: string; starved: string; dlp: string };
  /** The chat audit records, oldest first. */
  chatAudits(): Promise<any[]>;
  close(): Promise<void>;
}

export async function startDoorsGateway(): Promise<DoorsGateway> {
  const openaiUpstream = await startFakeOpenAI({ reply: 'Answer from the OpenAI fake.' });
  const anthropicUpstream = await startFakeAnthropic({ reply: 'Answer from the Anthropic fake.' });
  const dead = await refusedUrl('/v1');
  const gw = await startTestGateway({
    config: parseConfig({
      providers: [
        { id: 'mock', plugin: 'mock', options: { embeddingDimensions: 8 } },
        { id: 'openai-fake', plugin: 'openai', baseUrl: openaiUpstream.url },
        { id: 'anthropic-fake', plugin: 'anthropic', baseUrl: anthropicUpstream.url },
        { id: 'dead', plugin: 'openai', baseUrl: dead },
      ],
      models: [
        { name: 'mock-small', primary: { provider: 'mock', model: 'mock-small' } },
        { name: 'gpt-fake', primary: { provider: 'openai-fake', model: 'gpt-4o' } },
        { name: 'claude-fake', primary: { provider: 'anthropic-fake', model: 'claude-sonnet-4' } },
        { name: 'doomed', primary: { provider: 'dead', model: 'gpt-4o' } },
      ],
      resilience: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 2, circuit: { failureThreshold: 1000 } },
    }),
  });
  const server = await listen(gw);
  const api = adminApi(gw);
  const member = await api.roleId('member');
  const reader = await api.createRole('doors-no-chat', ['users:read']);
  const strict = await api.createRole('doors-dlp-strict', ['chat']);
  await api.must('mutation($r: ID) { setDlpPolicy(roleId: $r, detector: EMAIL, action: BLOCK) { id } }', { r: strict });
  const key = async (email: string, roleIds: string[]) => (await api.createApiKey(await api.createUser(email, { roleIds }))).secret;
  const starvedId = await api.createUser('starved@doors.test', { roleIds: [member] });
  await api.must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1, dailyOutputLimit: 100) { dailyInputLimit } }', { u: starvedId });
  const keys = {
    member: await key('member@doors.test', [member]),
    noChat: await key('reader@doors.test', [reader]),
    starved: (await api.createApiKey(starvedId)).secret,
    dlp: await key('strict@doors.test', [strict]),
  };
  return {
    gw,
    server,
    openaiUpstream,
    anthropicUpstream,
    keys,
    async chatAudits() {
      const rows = await gw.gateway.orm.em
        .fork()
        .execute(`select id, model, input_tokens, output_tokens, prompt_hash, response_hash, metadata from audit_record where action = 'chat' order by id`);
      return rows.map((r: any) => ({ ...r, id: String(r.id), input_tokens: Number(r.input_tokens), output_tokens: Number(r.output_tokens) }));
    },
    async close() {
      await server.close();
      await gw.close();
      await openaiUpstream.close();
      await anthropicUpstream.close();
    },
  };
}
