import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIStyleWire } from '../../test/conformance/openai-style-wire.ts';
import { drain, runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import { startFakeOpenAI } from '../../test/fakes/openai.ts';
import { startHeldOpenStream, type FakeUpstream } from '../../test/fakes/fake-server.ts';
import { parseGoDuration } from './errors.ts';
import plugin from './index.ts';

runProviderConformance({
  plugin,
  startFake: (o) => startFakeOpenAI({ apiKey: 'sk-test', ...o }),
  model: 'gpt-4o-mini',
  instance: { apiKey: 'sk-test' },
  countsMissingUsage: true,
  features: {
    wire: openAIStyleWire('gpt-4o-mini', { maxTokensField: 'max_completion_tokens', endUserField: 'safety_identifier', includeUsage: true }),
    toolCallIds: 'vendor',
    streamsToolArguments: true,
    reportsCachedTokens: true,
  },
  embeddings: {
    model: 'text-embedding-3-small',
    path: '/v1/embeddings',
    body: (input, dimensions, user) => ({ model: 'text-embedding-3-small', input, encoding_format: 'float', ...(dimensions && { dimensions }), ...(user && { user }) }),
  },
});

describe('openai plugin', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeOpenAI()));
  afterAll(() => fake.close());
  const make = (options: unknown = {}) =>
    plugin.create({ instanceId: 'oa', baseUrl: fake.url, apiKey: 'sk-1', options: plugin.configSchema.parse(options) });

  it('sends bearer auth, organization and project headers and asks for stream usage', async () => {
    const p = make({ organization: 'org-1', project: 'proj-1', headers: { 'x-gateway': 'zero' } });
    await drain(p, { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], maxTokens: 5, signal: new AbortController().signal });
    const seen = fake.requests.at(-1)!;
    expect(seen.headers.authorization).toBe('Bearer sk-1');
    expect(seen.headers['openai-organization']).toBe('org-1');
    expect(seen.headers['openai-project']).toBe('proj-1');
    expect(seen.headers['x-gateway']).toBe('zero');
    expect(seen.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_completion_tokens: 5 });
    await p.close?.();
  });

  it('falls back to retry-after-ms when retry-after is absent', async () => {
    const p = make();
    fake.setFault({ type: 'status', status: 429, headers: { 'retry-after-ms': '250' } }, { times: 1 });
    const out = await drain(p, { model: 'm', messages: [{ role: 'user', content: 'x' }], signal: new AbortController().signal });
    expect(out.error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 250 });
    await p.close?.();
  });

  it('turns an undici headers timeout (timeoutMs option) into a retryable timeout', async () => {
    const p = make({ timeoutMs: 100 });
    // undici checks its timeouts on a coarse (~0.5-1 s) tick, so the delay must clearly exceed that.
    fake.setFault({ type: 'delay', ms: 2500 }, { times: 1 });
    const start = performance.now();
    const out = await drain(p, { model: 'm', messages: [{ role: 'user', content: 'x' }], signal: new AbortController().signal });
    expect(out.error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(performance.now() - start).toBeLessThan(2400);
    await p.close?.();
  });

  it('passes a data URL given as an image URL through unchanged, and leaves out tool_choice when no tools are offered', async () => {
    const p = make();
    const url = 'data:image/jpeg;base64,/9j/4AAQ';
    await drain(p, {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url } }] }],
      toolChoice: 'required',
      signal: new AbortController().signal,
    });
    const seen = fake.requests.at(-1)!;
    expect(seen.problems).toEqual([]);
    expect(seen.body.messages).toEqual([{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }]);
    expect(seen.body.tool_choice).toBeUndefined();
    await p.close?.();
  });

  it('refuses a named tool choice that names no offered tool before sending', async () => {
    const p = make();
    const before = fake.requests.length;
    const out = await drain(p, {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ name: 'a', parameters: { type: 'object' } }],
      toolChoice: { name: 'b' },
      signal: new AbortController().signal,
    });
    expect(out.error).toMatchObject({ kind: 'bad_request', message: 'invalid request: tool choice names "b", which is not among the tools offered' });
    expect(fake.requests.length).toBe(before);
    await p.close?.();
  });

  it("shows a structured-output refusal as text and says content_filter", async () => {
    // OpenAI sends a refusal in its own field, streamed and whole; the fakes script no refusals, so a bare server does.
    const chunk = (delta: unknown, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const usage = { prompt_tokens: 5, completion_tokens: 4 };
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (JSON.parse(raw).stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end(chunk({ refusal: "I can't " }) + chunk({ refusal: 'help with that.' }) + chunk({}, 'stop') + `data: ${JSON.stringify({ choices: [], usage })}\n\ndata: [DONE]\n\n`);
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: "I can't help with that." }, finish_reason: 'stop' }], usage }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const p = plugin.create({ instanceId: 'oa', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, options: plugin.configSchema.parse({}) });
    for (const stream of [true, false]) {
      const out = await drain(p, { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream, signal: new AbortController().signal });
      expect(out.deltas.join('')).toBe("I can't help with that.");
      expect(out.finishReason).toBe('content_filter');
    }
    await p.close?.();
    await new Promise((r) => server.close(r));
  });

  it('ends a stream at [DONE] even when the upstream keeps the connection open after it', async () => {
    const chunk = (delta: unknown, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    // Everything, [DONE] included, and then the response is never ended.
    const upstream = await startHeldOpenStream(chunk({ content: 'Held ' }) + chunk({ content: 'open.' }, 'stop') + `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } })}\n\ndata: [DONE]\n\n`);
    const p = plugin.create({ instanceId: 'oa', baseUrl: `${upstream.url}/v1`, options: plugin.configSchema.parse({}) });
    const started = performance.now();
    const out = await drain(p, { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true, signal: new AbortController().signal });
    expect(out.deltas.join('')).toBe('Held open.');
    expect(out.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(performance.now() - started).toBeLessThan(2_000);
    await p.close?.();
    await upstream.close();
  });

  it('parses the Go durations of x-ratelimit-reset-*', () => {
    expect(parseGoDuration('1s')).toBe(1000);
    expect(parseGoDuration('6m0s')).toBe(360_000);
    expect(parseGoDuration('250ms')).toBe(250);
    expect(parseGoDuration('soon')).toBeUndefined();
  });
});
