/**
 * Fake OpenAI Chat Completions upstream (also the base of the OpenRouter and
 * generic OpenAI-compatible fakes): POST /chat/completions (JSON or SSE with
 * `data: [DONE]`), GET /models.
 */
import type { TokenUsage } from '../../plugins/plugin-api.ts';
import { startFake, type Dialect, type FakeOptions, type FakeUpstream, type Piece } from './fake-server.ts';

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
  const usageJson = (u: TokenUsage) => ({ prompt_tokens: u.inputTokens, completion_tokens: u.outputTokens, total_tokens: u.inputTokens + u.outputTokens });
  return {
    prefix,
    models,
    route(method, path, body) {
      if (method === 'POST' && path === `${prefix}/chat/completions`) return { kind: 'chat', model: body?.model, stream: body?.stream === true };
      if (method === 'GET' && path === `${prefix}/models`) {
        return { kind: 'json', body: { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'fake' })) } };
      }
      return null;
    },
    authorized: (h, key) => h.authorization === `Bearer ${key}`,
    errorBody: (status, message) => ({ error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'fake_error', param: null, code: null } }),
    streamContentType: 'text/event-stream',
    streamPieces(deltas, usage, model, body) {
      const includeUsage = o.usageSupported !== false && body?.stream_options?.include_usage === true;
      const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model };
      const pieces: Piece[] = [{ wire: sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }) }];
      for (const d of deltas) pieces.push({ wire: sse({ ...base, choices: [{ index: 0, delta: { content: d }, finish_reason: null }] }), delta: true });
      pieces.push({ wire: sse({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) });
      if (usage && includeUsage) pieces.push({ wire: sse({ ...base, choices: [], usage: usageJson(usage) }) });
      pieces.push({ wire: 'data: [DONE]\n\n' });
      return pieces;
    },
    jsonAnswer(text, usage, model) {
      const answer: Record<string, unknown> = {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1700000000,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      };
      if (usage && o.usageSupported !== false) answer.usage = usageJson(usage);
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
