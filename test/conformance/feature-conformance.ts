/**
 * Plugin API 2 conformance: for each scenario the fake upstream records the
 * exact request and checks it against the vendor's own request shape; the plugin
 * test file says what that request must be, or that the plugin refuses the
 * feature by name before anything goes upstream. The fakes then answer with
 * tool calls (whole and streamed in pieces), JSON and cached-token usage in the
 * vendor's wire format, so translation is proven both ways.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, type ChatChunk, type ChatRequest, type Provider, type ProviderPlugin } from '../../plugins/plugin-api.ts';
import type { FakeOptions, FakeUpstream } from '../fakes/fake-server.ts';
import * as S from './scenarios.ts';

/** What the vendor's wire request is for a scenario: the exact JSON body, or the refusal of a feature by name. */
export type WireExpectation = { body: unknown } | { refuses: string };

export interface FeatureSpec {
  /** Exact request bodies (streaming, the spec's model), scenario by scenario. */
  wire: {
    options: WireExpectation;
    seed: WireExpectation;
    tools: WireExpectation;
    toolChoiceNone: WireExpectation;
    toolChoiceRequired: WireExpectation;
    toolChoiceNamed: WireExpectation;
    toolHistory: WireExpectation;
    imageUrl: WireExpectation;
    imageBase64: WireExpectation;
    jsonObject: WireExpectation;
    jsonSchema: WireExpectation;
  };
  /** `vendor`: tool calls carry the vendor's ids; `generated`: the vendor gives none and the plugin makes unique ones. */
  toolCallIds: 'vendor' | 'generated';
  /** The vendor streams a call's arguments in pieces (else whole calls). */
  streamsToolArguments: boolean;
  /** The vendor reports prompt-cache reads (`cachedInputTokens`). */
  reportsCachedTokens: boolean;
}

interface Outcome {
  text: string;
  chunks: ChatChunk[];
  calls: { id?: string; name?: string; arguments: string; pieces: number; first: Extract<ChatChunk, { type: 'tool_call' }> }[];
  finishReason?: string;
  error?: ProviderError;
}

async function collect(provider: Provider, req: ChatRequest): Promise<Outcome> {
  const out: Outcome = { text: '', chunks: [], calls: [] };
  try {
    for await (const c of provider.chat(req)) {
      out.chunks.push(c);
      if (c.type === 'delta') out.text += c.text;
      else if (c.type === 'usage') out.finishReason = c.finishReason;
      else {
        const call = (out.calls[c.index] ??= { arguments: '', pieces: 0, first: c });
        if (c.id) call.id ??= c.id;
        if (c.name) call.name ??= c.name;
        if (c.arguments) {
          call.arguments += c.arguments;
          call.pieces++;
        }
      }
    }
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    out.error = err;
  }
  return out;
}

const isBody = (w: WireExpectation): w is { body: unknown } => 'body' in w;

const SCENARIOS: [keyof FeatureSpec['wire'], string, S.Scenario][] = [
  ['options', 'the system prompt, temperature, top_p, max tokens, stop and end-user id', S.OPTIONS],
  ['seed', 'a seed', S.SEED],
  ['tools', 'tool definitions with tool choice auto', S.TOOLS],
  ['toolChoiceNone', 'tool choice none', S.TOOL_CHOICE_NONE],
  ['toolChoiceRequired', 'tool choice required', S.TOOL_CHOICE_REQUIRED],
  ['toolChoiceNamed', 'a named tool choice', S.TOOL_CHOICE_NAMED],
  ['toolHistory', 'assistant tool calls and tool results', S.TOOL_HISTORY],
  ['imageUrl', 'an image by URL', S.IMAGE_URL],
  ['imageBase64', 'an image as base64 data', S.IMAGE_BASE64],
  ['jsonObject', 'a json_object response format', S.JSON_OBJECT],
  ['jsonSchema', 'a json_schema response format', S.JSON_SCHEMA],
];

export function runFeatureConformance(
  plugin: ProviderPlugin<any>,
  spec: FeatureSpec,
  o: { model: string; startFake: (options?: FakeOptions) => Promise<FakeUpstream>; make: (baseUrl: string) => Provider },
): void {
  describe(`${plugin.id} plugin conformance: plugin API 2 features`, () => {
    let fake: FakeUpstream;
    let provider: Provider;
    const request = (s: S.Scenario, extra: Partial<ChatRequest> = {}): ChatRequest => ({ ...structuredClone(s), model: o.model, signal: new AbortController().signal, ...extra });
    beforeAll(async () => {
      fake = await o.startFake();
      provider = o.make(fake.url);
    });
    afterAll(async () => {
      await provider?.close?.();
      await fake?.close();
    });
    beforeEach(() => {
      fake.setFault(null);
      fake.setAnswer(null);
    });

    it('declares the features it translates, and no others', () => {
      const w = spec.wire;
      expect(plugin.features).toBeDefined();
      expect(plugin.features).toMatchObject({
        tools: isBody(w.tools) && isBody(w.toolHistory),
        images: isBody(w.imageUrl) || isBody(w.imageBase64),
        jsonObject: isBody(w.jsonObject),
        jsonSchema: isBody(w.jsonSchema),
      });
    });

    for (const [key, what, scenario] of SCENARIOS) {
      const expected = spec.wire[key];
      if (isBody(expected)) {
        it(`sends ${what} in the vendor's request shape`, async () => {
          if (key === 'jsonObject' || key === 'jsonSchema') fake.setAnswer({ text: S.JSON_ANSWER });
          const out = await collect(provider, request(scenario));
          const seen = fake.requests.at(-1)!;
          expect(seen.problems, 'the fake found the request out of the vendor shape').toEqual([]);
          expect(out.error).toBeUndefined();
          expect(seen.body).toEqual(expected.body);
        });
      } else {
        it(`refuses ${what} by name (${expected.refuses}) before anything goes upstream`, async () => {
          const before = fake.requests.length;
          const out = await collect(provider, request(scenario));
          expect(out.error).toBeInstanceOf(ProviderError);
          expect(out.error).toMatchObject({ kind: 'bad_request', retryable: false, unsupportedFeature: expected.refuses });
          expect(out.error!.message).toContain(expected.refuses);
          expect(out.error!.message).toContain(plugin.id);
          expect(fake.requests.length).toBe(before);
        });
      }
    }

    if (!plugin.features?.tools) return;

    for (const stream of [true, false]) {
      const mode = stream ? 'streamed' : 'non-streaming';
      it(`returns the vendor's tool calls as tool_call chunks (${mode}), finish reason tool_calls`, async () => {
        fake.setAnswer({ toolCalls: S.FAKE_CALLS });
        const out = await collect(provider, request(S.TOOLS, { stream }));
        expect(out.error).toBeUndefined();
        expect(out.text).toBe('');
        expect(out.calls.map((c) => ({ name: c.name, args: JSON.parse(c.arguments) }))).toEqual(S.FAKE_CALLS.map((c) => ({ name: c.name, args: JSON.parse(c.arguments) })));
        // The first chunk of each call carries its id and name.
        for (const c of out.calls) expect(c.first).toMatchObject({ id: expect.any(String), name: expect.any(String) });
        if (spec.toolCallIds === 'vendor') expect(out.calls.map((c) => c.id)).toEqual(S.FAKE_CALLS.map((c) => c.id));
        else expect(new Set(out.calls.map((c) => c.id)).size).toBe(S.FAKE_CALLS.length);
        if (stream && spec.streamsToolArguments) expect(out.calls.every((c) => c.pieces > 1)).toBe(true);
        expect(out.finishReason).toBe('tool_calls');
        expect(out.chunks.at(-1)?.type).toBe('usage');
        expect(out.chunks.at(-1)).toMatchObject({ usage: fake.usage });
      });

      it(`keeps text before the tool calls it precedes (${mode})`, async () => {
        fake.setAnswer({ text: 'Checking both now.', toolCalls: S.FAKE_CALLS });
        const out = await collect(provider, request(S.TOOLS, { stream }));
        expect(out.text).toBe('Checking both now.');
        const firstCall = out.chunks.findIndex((c) => c.type === 'tool_call');
        const lastText = out.chunks.findLastIndex((c) => c.type === 'delta');
        expect(lastText).toBeLessThan(firstCall);
        expect(out.calls).toHaveLength(2);
      });

      it(`answers with text after tool results (${mode})`, async () => {
        const out = await collect(provider, request(S.TOOL_HISTORY, { stream }));
        expect(out.error).toBeUndefined();
        expect(out.text).toBe(fake.reply);
        expect(out.finishReason).toBe('stop');
        expect(fake.requests.at(-1)!.problems).toEqual([]);
      });
    }

    for (const [key, scenario] of [
      ['jsonObject', S.JSON_OBJECT],
      ['jsonSchema', S.JSON_SCHEMA],
    ] as const) {
      if (!isBody(spec.wire[key])) continue;
      for (const stream of [true, false]) {
        it(`answers ${key} requests with the JSON as text (${stream ? 'streamed' : 'non-streaming'})`, async () => {
          fake.setAnswer({ text: S.JSON_ANSWER });
          const out = await collect(provider, request(scenario, { stream }));
          expect(out.error).toBeUndefined();
          expect(JSON.parse(out.text)).toEqual(JSON.parse(S.JSON_ANSWER));
          expect(out.calls).toEqual([]);
          expect(out.finishReason).toBe('stop');
        });
      }
    }
  });

  if (spec.reportsCachedTokens) {
    describe(`${plugin.id} plugin conformance: cached input tokens`, () => {
      const usage = { inputTokens: 1200, outputTokens: 9, cachedInputTokens: 1024 };
      let fake: FakeUpstream;
      let provider: Provider;
      beforeAll(async () => {
        fake = await o.startFake({ usage });
        provider = o.make(fake.url);
      });
      afterAll(async () => {
        await provider?.close?.();
        await fake?.close();
      });
      for (const stream of [true, false]) {
        it(`reports the vendor's cached input tokens within the input tokens (${stream ? 'streamed' : 'non-streaming'})`, async () => {
          const out = await collect(provider, request(S.OPTIONS, { stream }));
          expect(out.chunks.at(-1)).toMatchObject({ type: 'usage', usage });
        });
      }
      function request(s: S.Scenario, extra: Partial<ChatRequest>): ChatRequest {
        return { ...structuredClone(s), model: o.model, signal: new AbortController().signal, ...extra };
      }
    });
  }
}
