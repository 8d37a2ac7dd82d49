import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import type { FakeUpstream } from '../../test/fakes/fake-server.ts';
import { startFakeOllama } from '../../test/fakes/ollama.ts';
import plugin from './index.ts';

runProviderConformance({
  plugin,
  startFake: () => startFakeOllama(),
  model: 'llama3.2:1b',
});

describe('ollama plugin', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeOllama()));
  afterAll(() => fake.close());
  const make = (options: unknown = {}) => plugin.create({ instanceId: 'ol', baseUrl: fake.url, options: plugin.configSchema.parse(options) });
  const req = (extra = {}) => ({ model: 'llama3.2:1b', messages: [{ role: 'user' as const, content: 'hi' }], signal: new AbortController().signal, ...extra });

  it('maps maxTokens, stop and numCtx into Ollama options and sends keep_alive', async () => {
    const p = make({ keepAlive: '10m', numCtx: 8192 });
    await drain(p, req({ maxTokens: 9, stop: ['\n\n'], temperature: 0 }));
    expect(fake.requests.at(-1)!.body).toMatchObject({
      stream: true,
      keep_alive: '10m',
      options: { num_predict: 9, stop: ['\n\n'], num_ctx: 8192, temperature: 0 },
    });
    await p.close?.();
  });

  it('reports an {"error"} line mid-stream as a stream error after the deltas', async () => {
    const p = make();
    fake.setFault({ type: 'streamError', afterDeltas: 1, message: 'model runner crashed' }, { times: 1 });
    const out = await drain(p, req());
    expect(out.deltas).toHaveLength(1);
    expect(out.error).toMatchObject({ kind: 'stream' });
    expect(out.error!.message).toContain('model runner crashed');
    await p.close?.();
  });
});
