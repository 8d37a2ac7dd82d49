/**
 * Embeddings conformance: a plugin that declares embeddings sends the vendor's
 * own request, answers vectors in input order with usage, and classifies
 * failures as chats do; one that does not declare them has no `embed`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, type EmbeddingRequest, type Provider, type ProviderErrorKind, type ProviderPlugin } from '../../plugins/plugin-api.ts';
import { fakeEmbedding, fakeEmbeddingUsage, refusedUrl, type FakeUpstream } from '../fakes/fake-server.ts';

export interface EmbeddingSpec {
  /** The provider's embedding model id. */
  model: string;
  /** The exact JSON body the vendor must receive. */
  body: (input: string[], dimensions?: number, endUser?: string) => unknown;
  /** The request path after the base URL's host, e.g. `/v1/embeddings`. */
  path: string;
  /** True when the vendor reports no usage and the plugin counts the tokens itself. */
  countsUsage?: boolean;
}

const INPUT = ['The first text to embed.', 'A second, longer text to embed here.', '第三段文本'];

async function failure(run: Promise<unknown>): Promise<ProviderError> {
  try {
    await run;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the call to fail');
}

export function runEmbeddingConformance(
  plugin: ProviderPlugin<any>,
  spec: EmbeddingSpec | undefined,
  o: { startFake: () => Promise<FakeUpstream>; make: (baseUrl: string) => Provider },
): void {
  describe(`${plugin.id} plugin conformance: embeddings`, () => {
    let fake: FakeUpstream;
    let provider: Provider;
    let dead: Provider;
    beforeAll(async () => {
      fake = await o.startFake();
      provider = o.make(fake.url);
      const url = new URL(fake.url);
      url.port = new URL(await refusedUrl()).port;
      dead = o.make(url.toString().replace(/\/$/, ''));
    });
    afterAll(async () => {
      await provider?.close?.();
      await dead?.close?.();
      await fake?.close();
    });
    beforeEach(() => fake.setFault(null));

    if (!spec) {
      it('declares no embeddings and has no embed', () => {
        expect(plugin.features?.embeddings ?? false).toBe(false);
        expect(provider.embed).toBeUndefined();
      });
      return;
    }

    const request = (extra: Partial<EmbeddingRequest> = {}): EmbeddingRequest => ({ model: spec.model, input: INPUT, signal: new AbortController().signal, ...extra });

    it('declares embeddings and has embed', () => {
      expect(plugin.features?.embeddings).toBe(true);
      expect(typeof provider.embed).toBe('function');
    });

    it("sends the vendor's embeddings request and answers one vector per input, in order, with usage", async () => {
      const result = await provider.embed!(request({ dimensions: 8, endUser: 'user-42' }));
      const seen = fake.requests.at(-1)!;
      expect(seen.problems).toEqual([]);
      expect(seen.path).toBe(spec.path);
      expect(seen.body).toEqual(spec.body(INPUT, 8, 'user-42'));
      expect(result.embeddings).toEqual(INPUT.map((t) => fakeEmbedding(t, 8)));
      if (spec.countsUsage) expect(result.usage.inputTokens).toBeGreaterThan(0);
      else expect(result.usage).toEqual({ inputTokens: fakeEmbeddingUsage(INPUT).inputTokens });
    });

    it('leaves out what the caller did not ask for', async () => {
      const result = await provider.embed!(request({ input: ['only one'] }));
      expect(fake.requests.at(-1)!.body).toEqual(spec.body(['only one']));
      expect(result.embeddings).toEqual([fakeEmbedding('only one')]);
    });

    const cases: [string, Parameters<FakeUpstream['setFault']>[0], ProviderErrorKind, boolean][] = [
      ['429 with retry-after', { type: 'status', status: 429, retryAfter: '2' }, 'rate_limited', true],
      ['500', { type: 'status', status: 500 }, 'server', true],
      ['401', { type: 'status', status: 401 }, 'auth', false],
      ['400', { type: 'status', status: 400 }, 'bad_request', false],
      ['a reset connection', { type: 'reset' }, 'network', true],
    ];
    for (const [what, fault, kind, retryable] of cases) {
      it(`classifies ${what} like chat errors (${kind})`, async () => {
        fake.setFault(fault, { times: 1 });
        const err = await failure(provider.embed!(request()));
        expect({ kind: err.kind, retryable: err.retryable }).toEqual({ kind, retryable });
        if (kind === 'rate_limited') expect(err.retryAfterMs).toBe(2000);
      });
    }

    it('classifies connection refused as network and a TimeoutError signal as timeout, promptly', async () => {
      expect((await failure(dead.embed!(request()))).kind).toBe('network');
      fake.setFault({ type: 'delay', ms: 1500 }, { times: 1 });
      const start = performance.now();
      expect((await failure(provider.embed!(request({ signal: AbortSignal.timeout(100) })))).kind).toBe('timeout');
      expect(performance.now() - start).toBeLessThan(1000);
    });

    it('throws aborted when the caller aborts', async () => {
      fake.setFault({ type: 'delay', ms: 1500 }, { times: 1 });
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 50);
      expect((await failure(provider.embed!(request({ signal: ctl.signal })))).kind).toBe('aborted');
    });
  });
}
