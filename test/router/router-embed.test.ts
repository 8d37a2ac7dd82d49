import { describe, expect, it } from 'vitest';
import { ProviderError, type ChatChunk, type EmbeddingRequest, type EmbeddingResult } from '../../plugins/plugin-api.ts';
import { RouterError } from '../../server/router/errors.ts';
import type { EmbedResult } from '../../server/router/router.ts';
import { harness } from './router-harness.ts';
import { ALL, stubPlugin, TEXT } from './stub-plugin.ts';

const vectors = async (req: EmbeddingRequest): Promise<EmbeddingResult> => ({
  embeddings: req.input.map((text, i) => [text.length, i]),
  usage: { inputTokens: req.input.length * 2 },
});
const failing = (errors: ProviderError[]) => async (req: EmbeddingRequest, call: number) => {
  if (call < errors.length) throw errors[call];
  return vectors(req);
};
const server503 = () => new ProviderError('upstream 503', { kind: 'server', status: 503, retryable: true });

async function embed(h: ReturnType<typeof harness>, input = ['alpha', 'beta'], signal?: AbortSignal): Promise<{ result?: EmbedResult; error?: RouterError }> {
  try {
    return { result: await h.router.embed('m', { input, dimensions: 8, endUser: 'u-1' }, signal) };
  } catch (err) {
    if (!(err instanceof RouterError)) throw err;
    return { error: err };
  }
}

describe('router.embed', () => {
  it('answers vectors in input order with usage, provider, model, attempts and latency, passing dimensions and endUser', async () => {
    const a = stubPlugin('emb', ALL, { embed: vectors });
    const { result } = await embed(harness([{ id: 'a', plugin: a.plugin }]));
    expect(result).toMatchObject({ embeddings: [[5, 0], [4, 1]], usage: { inputTokens: 4 }, provider: 'a', model: 'fake-model-a', attempts: [{ provider: 'a', model: 'fake-model-a' }] });
    expect(result!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(a.embeds[0]).toMatchObject({ model: 'fake-model-a', input: ['alpha', 'beta'], dimensions: 8, endUser: 'u-1' });
  });

  it('retries a retryable failure on the same provider with the chat retry policy, then falls back', async () => {
    const flaky = stubPlugin('flaky', ALL, { embed: failing([server503()]) });
    const once = await embed(harness([{ id: 'a', plugin: flaky.plugin }], { maxRetries: 1 }));
    expect(once.result!.attempts.map((x) => [x.provider, x.code])).toEqual([
      ['a', 'server'],
      ['a', undefined],
    ]);

    const dead = stubPlugin('dead', ALL, { embed: failing([server503(), server503(), server503()]) });
    const backup = stubPlugin('backup', ALL, { embed: vectors });
    const fell = await embed(harness([{ id: 'a', plugin: dead.plugin }, { id: 'b', plugin: backup.plugin }], { maxRetries: 1 }));
    expect(fell.result!.provider).toBe('b');
    expect(fell.result!.attempts.map((x) => [x.provider, x.code])).toEqual([
      ['a', 'server'],
      ['a', 'server'],
      ['b', undefined],
    ]);
  });

  it('stops the chain on a bad request and answers PROVIDER_UNAVAILABLE when every provider failed', async () => {
    const bad = stubPlugin('bad', ALL, { embed: failing([new ProviderError('upstream 400', { kind: 'bad_request', status: 400, retryable: false })]) });
    const never = stubPlugin('never', ALL, { embed: vectors });
    const stopped = await embed(harness([{ id: 'a', plugin: bad.plugin }, { id: 'b', plugin: never.plugin }]));
    expect(stopped.error).toMatchObject({ code: 'BAD_REQUEST', message: 'upstream rejected the request (400)' });
    expect(never.embeds).toHaveLength(0);

    const down = stubPlugin('down', ALL, { embed: failing([server503(), server503()]) });
    const all = await embed(harness([{ id: 'a', plugin: down.plugin }], { maxRetries: 1 }));
    expect(all.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });

  it('skips providers that cannot embed and refuses by name when none can', async () => {
    const chatOnly = stubPlugin('chat-only', { ...ALL, embeddings: false });
    const declaresButLacks = stubPlugin('no-embed-fn', ALL);
    const embedder = stubPlugin('embedder', ALL, { embed: vectors });
    const skipped = await embed(harness([{ id: 'a', plugin: chatOnly.plugin }, { id: 'b', plugin: declaresButLacks.plugin }, { id: 'c', plugin: embedder.plugin }]));
    expect(skipped.result!.attempts.map((x) => [x.provider, x.code])).toEqual([
      ['a', 'unsupported'],
      ['b', 'unsupported'],
      ['c', undefined],
    ]);

    const none = await embed(harness([{ id: 'a', plugin: chatOnly.plugin }]));
    expect(none.error).toMatchObject({ code: 'BAD_REQUEST', message: 'model "m" cannot serve embeddings: a: cannot serve embeddings (plugin chat-only does not support it)' });
    const off = await embed(harness([{ id: 'c', plugin: embedder.plugin }], {}, { capabilities: { embeddings: false } }));
    expect(off.error!.message).toMatch(/the model's capabilities set embeddings: false/);
  });

  it('shares the circuit breaker with chats: embedding failures open it, and chats then skip the provider', async () => {
    const dead = stubPlugin('dead', ALL, { embed: failing(Array.from({ length: 5 }, server503)) });
    const h = harness([{ id: 'a', plugin: dead.plugin }], { maxRetries: 1, circuit: { failureThreshold: 2, openMs: 60_000 } });
    await embed(h);
    expect(h.router.describe().providers[0].circuit).toBe('open');
    const chat = async () => {
      for await (const _ of h.router.stream('m', { messages: [{ role: 'user', content: 'hi' }] }));
    };
    await expect(chat()).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      attempts: [{ provider: 'a', model: 'fake-model-a', error: 'circuit open', code: 'circuit_open', latencyMs: 0 }],
    });
    expect(dead.chats).toHaveLength(0);
  });

  it('shares the concurrency limit with chats: an embed while a chat holds the only slot is OVERLOADED', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    async function* slowChat(): AsyncGenerator<ChatChunk> {
      yield { type: 'delta', text: 'thinking' };
      await held;
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } };
    }
    const p = stubPlugin('busy', ALL, { chat: slowChat, embed: vectors });
    const h = harness([{ id: 'a', plugin: p.plugin }], {}, { maxConcurrent: 1 });
    const it = h.router.stream('m', { messages: [{ role: 'user', content: 'hi' }] })[Symbol.asyncIterator]();
    await it.next();
    const busy = await embed(h);
    expect(busy.error).toMatchObject({ code: 'OVERLOADED' });
    expect(p.embeds).toHaveLength(0);
    release();
    while (!(await it.next()).done);
    expect((await embed(h)).result?.provider).toBe('a');
  });

  it('times out a stalled embedding with the attempt timeout and retries it', async () => {
    const stalls = stubPlugin('stalls', ALL, {
      embed: (req, call) =>
        call === 0
          ? new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new ProviderError('aborted', { kind: 'aborted', retryable: false }))))
          : vectors(req),
    });
    const { result } = await embed(harness([{ id: 'a', plugin: stalls.plugin }], { attemptTimeoutMs: 50, maxRetries: 1 }));
    expect(result!.attempts.map((x) => x.code)).toEqual(['timeout', undefined]);
  });

  it('answers ABORTED when the caller aborts, MODEL_NOT_FOUND for an unknown model, BAD_REQUEST for no input', async () => {
    const stalls = stubPlugin('stalls', ALL, {
      embed: (req) => new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new ProviderError('aborted', { kind: 'aborted', retryable: false })))),
    });
    const h = harness([{ id: 'a', plugin: stalls.plugin }]);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 20);
    expect((await embed(h, ['x'], ctl.signal)).error?.code).toBe('ABORTED');
    await expect(h.router.embed('nope', { input: ['x'] })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(h.router.embed('m', { input: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses an answer with the wrong number of vectors as a malformed upstream answer', async () => {
    const short = stubPlugin('short', ALL, { embed: async () => ({ embeddings: [[1]], usage: { inputTokens: 1 } }) });
    const { error } = await embed(harness([{ id: 'a', plugin: short.plugin }]));
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', attempts: [{ code: 'stream', error: 'upstream stream broke or was malformed' }] });
  });

  it('reports failures with the texts to embed, so the log can mask them', async () => {
    const failures: unknown[] = [];
    const down = stubPlugin('down', TEXT, { embed: failing([server503()]) });
    const up = stubPlugin('up', ALL, { embed: failing([server503()]) });
    const h = harness([{ id: 'a', plugin: down.plugin }, { id: 'b', plugin: up.plugin }], { maxRetries: 0 }, { onAttemptFailure: (f) => failures.push(f) });
    await h.router.embed('m', { input: ['secret text'], requestId: 'r-1' }).catch(() => {});
    expect(failures).toEqual([expect.objectContaining({ requestId: 'r-1', provider: 'b', request: { input: ['secret text'], requestId: 'r-1' } })]);
  });
});
