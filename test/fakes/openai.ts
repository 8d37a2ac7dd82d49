/**
 * Fake OpenAI Chat Completions upstream (also the base of the OpenRouter and
 * generic OpenAI-compatible fakes): POST /chat/completions (JSON or SSE with
 * `data: [DONE]`; tool calls as `tool_calls` with arguments streamed in pieces,
 * cached prompt tokens in `prompt_tokens_details`), POST /embeddings, GET /models.
 */
import type { TokenUsage } from '../../plugins/plugin-api.ts';
import { argumentPieces, shapeProblems, startFake, type Dialect, type FakeOptions, type FakeToolCall, type FakeUpstream, type Piece } from './fake-server.ts';
import { openAIChatRequest, openAIEmbeddingsRequest } from './openai-shapes.ts';

export interface FakeOpenAIOptions extends FakeOptions {
  /** Path prefix of the API (OpenAI `/v1`, OpenRouter `/api/v1`). */
  prefix?: string;
  /** false: never send usage, even when `stream_options.include_usage` asks (older compatible servers). */
  usageSupported?: boolean;
}

const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`;

export function openAIDialect(o: FakeOpenAIOptions = {}): Dialect {
  const prefix = o.prefix ?? '/v1';
  const models = o.models ?? ['fake-model-a', 'fake-model-b'];
  const usageJson = (u: TokenUsage) => ({
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
    ...(u.cachedInputTokens !== undefined && { prompt_tokens_details: { cached_tokens: u.cachedInputTokens } }),
  });
  const messageToolCalls = (calls: FakeToolCall[]) => calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return {
    prefix,
    models,
    route(method, path, body) {
      if (method === 'POST' && path === `${prefix}/chat/completions`) return { kind: 'chat', model: body?.model, stream: body?.stream === true };
      if (method === 'POST' && path === `${prefix}/embeddings`) {
        const input = typeof body?.input === 'string' ? [body.input] : Array.isArray(body?.input) ? body.input : [];
        return { kind: 'embed', model: body?.model, input, dimensions: body?.dimensions };
      }
      if (method === 'GET' && path === `${prefix}/models`) {
        return { kind: 'json', body: { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'fake' })) } };
      }
      return null;
    },
    problems: (route, body) => shapeProblems(route.kind === 'embed' ? openAIEmbeddingsRequest : openAIChatRequest, body),
    authorized: (h, key) => h.authorization === `Bearer ${key}`,
    errorBody: (status, message) => ({ error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'fake_error', param: null, code: null } }),
    streamContentType: 'text/event-stream',
    streamPieces(deltas, usage, model, body, toolCalls) {
      const includeUsage = o.usageSupported !== false && body?.stream_options?.include_usage === true;
      const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model };
      const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
      const pieces: Piece[] = [{ wire: chunk({ role: 'assistant', content: toolCalls.length && !deltas.length ? null : '' }) }];
      for (const d of deltas) pieces.push({ wire: chunk({ content: d }), delta: true });
      // The first piece of a call names it; its arguments follow in several pieces, as OpenAI streams them.
      toolCalls.forEach((c, index) => {
        pieces.push({ wire: chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }), delta: true });
        for (const a of argumentPieces(c.arguments)) pieces.push({ wire: chunk({ tool_calls: [{ index, function: { arguments: a } }] }), delta: true });
      });
      pieces.push({ wire: chunk({}, toolCalls.length ? 'tool_calls' : 'stop') });
      if (usage && includeUsage) pieces.push({ wire: sse({ ...base, choices: [], usage: usageJson(usage) }) });
      pieces.push({ wire: 'data: [DONE]\n\n' });
      return pieces;
    },
    jsonAnswer(text, usage, model, _body, toolCalls) {
      const message: Record<string, unknown> = { role: 'assistant', content: text || (toolCalls.length ? null : '') };
      if (toolCalls.length) message.tool_calls = messageToolCalls(toolCalls);
      const answer: Record<string, unknown> = {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1700000000,
        model,
        choices: [{ index: 0, message, finish_reason: toolCalls.length ? 'tool_calls' : 'stop' }],
      };
      if (usage && o.usageSupported !== false) answer.usage = usageJson(usage);
      return answer;
    },
    embedAnswer(vectors, usage, model) {
      const answer: Record<string, unknown> = { object: 'list', model, data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })) };
      if (usage && o.usageSupported !== false) answer.usage = { prompt_tokens: usage.inputTokens, total_tokens: usage.inputTokens };
      return answer;
    },
    malformedPiece: 'data: {"choices": [{"delta": \n\n',
    // OpenRouter's in-band failure shape; plain OpenAI would just cut the stream.
    streamErrorPiece: (status, message) => sse({ error: { code: status, message } }),
  };
}

/** Starts a fake OpenAI upstream. `url` ends in `/v1` like the real base URL. */
export function startFakeOpenAI(o: FakeOpenAIOptions = {}): Promise<FakeUpstream> {
  return startFake(openAIDialect(o), o);
}
