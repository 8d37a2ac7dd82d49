// A gateway in process with one model, "gpt-test", served by a fake OpenAI-compatible upstream on 127.0.0.1,
// started before the file's tests and stopped after them. For the DLP tests that go through a real chat.
import { afterAll, beforeAll } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

export interface ChatGateway {
  readonly fake: FakeUpstream;
  readonly gw: TestGateway;
}

/** Registers the start and stop hooks; read `fake` and `gw` inside tests (they are set once `beforeAll` ran). */
export function useChatGateway(): ChatGateway {
  const ctx = {} as { fake: FakeUpstream; gw: TestGateway };
  beforeAll(async () => {
    ctx.fake = await startFakeOpenAI();
    ctx.gw = await startTestGateway({
      config: parseConfig({ providers: [{ id: 'o', plugin: 'openai', baseUrl: ctx.fake.url }], models: [{ name: 'gpt-test', primary: { provider: 'o', model: 'm' } }] }),
    });
  });
  afterAll(async () => {
    await ctx.gw?.close();
    await ctx.fake?.close();
  });
  return ctx;
}
