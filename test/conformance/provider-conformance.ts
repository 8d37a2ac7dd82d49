/**
 * The one conformance suite every provider plugin runs. A plugin's test file
 * calls `runProviderConformance({...})` with the plugin, a fake-upstream factory
 * speaking its vendor's wire format (see test/fakes) and a model id; the suite
 * registers its own `describe` block. See plugins/README.md.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  PLUGIN_API_VERSION,
  ProviderError,
  type ChatChunk,
  type ChatRequest,
  type Provider,
  type ProviderErrorKind,
  type ProviderPlugin,
  type TokenUsage,
} from '../../plugins/plugin-api.ts';
import { refusedUrl, type FakeOptions, type FakeUpstream } from '../fakes/fake-server.ts';
import { runEmbeddingConformance, type EmbeddingSpec } from './embedding-conformance.ts';
import { runFeatureConformance, type FeatureSpec } from './feature-conformance.ts';

export type { EmbeddingSpec } from './embedding-conformance.ts';
export type { FeatureSpec, WireExpectation } from './feature-conformance.ts';

/** What a plugin author supplies. */
export interface ConformanceSpec<Options> {
  plugin: ProviderPlugin<Options>;
  /** Starts a fake upstream for this vendor (with the suite's options, e.g. a usage to report); the suite closes it in afterAll. */
  startFake: (options?: FakeOptions) => Promise<FakeUpstream>;
  /** The provider's model id to request. */
  model: string;
  /** Raw `options` for the instance (validated through the plugin's schema) and the API key. */
  instance?: { options?: unknown; apiKey?: string };
  /**
   * True when the plugin counts tokens itself if the upstream reports no usage;
   * the suite then checks counted usage on a stream without usage.
   */
  countsMissingUsage?: boolean;
  /** Plugin API 2: the vendor's request for each feature scenario, or the plugin's refusal of it. */
  features: FeatureSpec;
  /** The vendor's embeddings request; absent when the plugin has no embeddings. */
  embeddings?: EmbeddingSpec;
}

/** Collected outcome of one chat: deltas in order, the usage chunk and the error, if any. */
export interface ChatOutcome {
  deltas: string[];
  usage?: TokenUsage;
  finishReason?: string;
  chunks: ChatChunk[];
  error?: ProviderError;
}

/** Drains a provider's chat into an outcome; a non-ProviderError fails the test. */
export async function drain(provider: Provider, req: ChatRequest, onChunk?: (c: ChatChunk) => void): Promise<ChatOutcome> {
  const out: ChatOutcome = { deltas: [], chunks: [] };
  try {
    for await (const c of provider.chat(req)) {
      out.chunks.push(c);
      if (c.type === 'delta') out.deltas.push(c.text);
      else if (c.type === 'usage') {
        out.usage = c.usage;
        out.finishReason = c.finishReason;
      }
      onChunk?.(c);
    }
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    out.error = err;
  }
  return out;
}

function expectError(out: ChatOutcome, kind: ProviderErrorKind, retryable: boolean): ProviderError {
  expect(out.error, `expected a ProviderError of kind ${kind}`).toBeInstanceOf(ProviderError);
  expect({ kind: out.error!.kind, retryable: out.error!.retryable }).toEqual({ kind, retryable });
  return out.error!;
}

/** Registers the conformance tests for one plugin. */
export function runProviderConformance<Options>(spec: ConformanceSpec<Options>): void {
  const { plugin, model } = spec;
  const create = (baseUrl: string) =>
    plugin.create({
      instanceId: `conformance-${plugin.id}`,
      baseUrl,
      apiKey: spec.instance?.apiKey,
      options: plugin.configSchema.parse(spec.instance?.options ?? {}),
    });
  runFeatureConformance(plugin, spec.features, { model, startFake: spec.startFake, make: create });
  runEmbeddingConformance(plugin, spec.embeddings, { startFake: () => spec.startFake(), make: create });
  describe(`${plugin.id} plugin conformance`, () => {
    let fake: FakeUpstream;
    let provider: Provider;
    let dead: Provider;
    const make = create;
    const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
      model,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello.' },
      ],
      signal: new AbortController().signal,
      ...extra,
    });

    beforeAll(async () => {
      fake = await spec.startFake();
      provider = make(fake.url);
      const url = new URL(fake.url);
      url.port = new URL(await refusedUrl()).port;
      dead = make(url.toString().replace(/\/$/, ''));
    });
    afterAll(async () => {
      await provider?.close?.();
      await dead?.close?.();
      await fake?.close();
    });
    beforeEach(() => fake.setFault(null));

    it('declares its id, the current API version and a schema that accepts empty options', () => {
      expect(plugin.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(plugin.apiVersion).toBe(PLUGIN_API_VERSION);
      expect(plugin.configSchema.safeParse(spec.instance?.options ?? {}).success).toBe(true);
    });

    it('streams deltas in order that concatenate to the reply, then one usage chunk last', async () => {
      const out = await drain(provider, request());
      expect(out.error).toBeUndefined();
      expect(out.deltas.length).toBeGreaterThan(1);
      expect(out.deltas.join('')).toBe(fake.reply);
      expect(out.chunks.filter((c) => c.type === 'usage')).toHaveLength(1);
      expect(out.chunks.at(-1)?.type).toBe('usage');
      expect(out.usage).toEqual(fake.usage);
      const seen = fake.requests.at(-1)!;
      expect(seen.model).toBe(model);
      expect(seen.stream).toBe(true);
    });

    it('answers a non-streaming request with the same text and usage', async () => {
      const out = await drain(provider, request({ stream: false }));
      expect(out.error).toBeUndefined();
      expect(out.deltas.join('')).toBe(fake.reply);
      expect(out.usage).toEqual(fake.usage);
      expect(fake.requests.at(-1)!.stream).toBe(false);
    });

    if (spec.countsMissingUsage) {
      it('counts tokens when the upstream sends no usage', async () => {
        fake.setFault({ type: 'noUsage' });
        const out = await drain(provider, request());
        expect(out.deltas.join('')).toBe(fake.reply);
        expect(out.usage!.inputTokens).toBeGreaterThan(0);
        expect(out.usage!.outputTokens).toBeGreaterThan(0);
      });
    }

    it('classifies 429 with retry-after in seconds as rate_limited, retryable, with retryAfterMs', async () => {
      fake.setFault({ type: 'status', status: 429, retryAfter: '2' });
      const err = expectError(await drain(provider, request()), 'rate_limited', true);
      expect(err.status).toBe(429);
      expect(err.retryAfterMs).toBe(2000);
    });

    it('reads retry-after given as an HTTP date', async () => {
      fake.setFault({ type: 'status', status: 429, retryAfter: new Date(Date.now() + 5000).toUTCString() });
      const err = expectError(await drain(provider, request()), 'rate_limited', true);
      expect(err.retryAfterMs).toBeGreaterThan(3000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(5000);
    });

    it('classifies 500 and 503 as server errors, retryable', async () => {
      for (const status of [500, 503]) {
        fake.setFault({ type: 'status', status }, { times: 1 });
        expect(expectError(await drain(provider, request()), 'server', true).status).toBe(status);
      }
    });

    it('classifies 401 and 403 as auth, not retryable', async () => {
      for (const status of [401, 403]) {
        fake.setFault({ type: 'status', status }, { times: 1 });
        expect(expectError(await drain(provider, request()), 'auth', false).status).toBe(status);
      }
    });

    it('classifies 400, 404 and 422 as bad_request, not retryable', async () => {
      for (const status of [400, 404, 422]) {
        fake.setFault({ type: 'status', status }, { times: 1 });
        expect(expectError(await drain(provider, request()), 'bad_request', false).status).toBe(status);
      }
    });

    it('classifies a connection reset as network, retryable', async () => {
      fake.setFault({ type: 'reset' });
      expectError(await drain(provider, request()), 'network', true);
    });

    it('classifies connection refused as network, retryable', async () => {
      expectError(await drain(dead, request()), 'network', true);
    });

    it('classifies a signal that fires with a TimeoutError as timeout, retryable, promptly', async () => {
      fake.setFault({ type: 'delay', ms: 1500 });
      const start = performance.now();
      expectError(await drain(provider, request({ signal: AbortSignal.timeout(100) })), 'timeout', true);
      expect(performance.now() - start).toBeLessThan(1000);
    });

    it('reports a stream that ends without its terminal event as kind stream, after the deltas sent', async () => {
      fake.setFault({ type: 'cut', afterDeltas: 1, mode: 'end' });
      const out = await drain(provider, request());
      expectError(out, 'stream', true);
      expect(out.deltas.length).toBeGreaterThanOrEqual(1);
      expect(out.usage).toBeUndefined();
    });

    it('reports a connection destroyed mid-stream as kind stream', async () => {
      fake.setFault({ type: 'cut', afterDeltas: 2, mode: 'destroy' });
      const out = await drain(provider, request());
      expectError(out, 'stream', true);
      expect(out.deltas.length).toBeGreaterThanOrEqual(1);
    });

    it('reports malformed stream data as kind stream', async () => {
      fake.setFault({ type: 'malformed', afterDeltas: 1 });
      const out = await drain(provider, request());
      expect(out.error?.kind).toBe('stream');
    });

    it('honours abort mid-stream: throws aborted promptly and closes the upstream connection', async () => {
      fake.setFault({ type: 'slow', chunkDelayMs: 150 });
      const ctl = new AbortController();
      let abortedAt = 0;
      const out = await drain(provider, request({ signal: ctl.signal }), (c) => {
        if (c.type === 'delta' && !abortedAt) {
          abortedAt = performance.now();
          ctl.abort();
        }
      });
      expectError(out, 'aborted', false);
      expect(performance.now() - abortedAt).toBeLessThan(100);
      expect(out.deltas).toHaveLength(1);
      const seen = fake.requests.at(-1)!;
      await seen.settled;
      expect(seen.clientClosed).toBe(true);
    });

    it('closes the upstream connection when the consumer stops iterating early', async () => {
      fake.setFault({ type: 'slow', chunkDelayMs: 100 });
      for await (const c of provider.chat(request())) if (c.type === 'delta') break;
      const seen = fake.requests.at(-1)!;
      await seen.settled;
      expect(seen.clientClosed).toBe(true);
    });

    it('lists the upstream models', async () => {
      const ids = (await provider.listModels()).map((m) => m.id);
      for (const id of fake.models) expect(ids).toContain(id);
    });

    it('reports health ok against a live upstream and not ok, without throwing, against a dead one', async () => {
      const ok = await provider.health();
      expect(ok.ok).toBe(true);
      expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
      const down = await dead.health();
      expect(down.ok).toBe(false);
      expect(down.detail).toBeTruthy();
    });

    it('classifies a failing models endpoint like chat errors', async () => {
      fake.setFault({ type: 'status', status: 401 }, { times: 1 });
      await expect(provider.listModels()).rejects.toMatchObject({ kind: 'auth', retryable: false });
    });
  });
}
