/**
 * Fake Ollama: POST /api/chat (JSON, or NDJSON lines ending with `done: true`
 * and prompt_eval_count / eval_count; tool calls whole, one per line, with
 * `call_` ids and object arguments as current servers send them), POST
 * /api/embed, GET /api/tags, GET /api/version.
 */
import { shapeProblems, startFake, type Dialect, type FakeOptions, type FakeToolCall, type FakeUpstream, type Piece } from './fake-server.ts';
import { ollamaChatRequest, ollamaEmbedRequest } from './ollama-shapes.ts';

const wireCalls = (calls: FakeToolCall[], from = 0) =>
  calls.map((c, i) => ({ id: c.id, function: { index: from + i, name: c.name, arguments: JSON.parse(c.arguments || '{}') } }));

const line = (obj: unknown) => `${JSON.stringify(obj)}\n`;
const CREATED = '2025-01-01T00:00:00.000Z';

export function ollamaDialect(o: FakeOptions = {}): Dialect {
  const models = o.models ?? ['llama3.2:1b', 'qwen2.5:0.5b'];
  return {
    prefix: '',
    models,
    route(method, path, body) {
      if (method === 'POST' && path === '/api/chat') return { kind: 'chat', model: body?.model, stream: body?.stream !== false };
      if (method === 'POST' && path === '/api/embed') {
        return { kind: 'embed', model: body?.model, input: typeof body?.input === 'string' ? [body.input] : (body?.input ?? []), dimensions: body?.dimensions };
      }
      if (method === 'GET' && path === '/api/tags') {
        return { kind: 'json', body: { models: models.map((name) => ({ name, model: name, modified_at: CREATED, size: 1, digest: 'sha256:fake' })) } };
      }
      if (method === 'GET' && path === '/api/version') return { kind: 'json', body: { version: '0.9.0-fake' } };
      return null;
    },
    problems: (route, body) => shapeProblems(route.kind === 'embed' ? ollamaEmbedRequest : ollamaChatRequest, body),
    authorized: (h, key) => h.authorization === `Bearer ${key}`,
    errorBody: (_status, message) => ({ error: message }),
    streamContentType: 'application/x-ndjson',
    streamPieces(deltas, usage, model, _body, toolCalls) {
      const pieces: Piece[] = deltas.map((content) => ({
        wire: line({ model, created_at: CREATED, message: { role: 'assistant', content }, done: false }),
        delta: true,
      }));
      toolCalls.forEach((c, i) => {
        pieces.push({ wire: line({ model, created_at: CREATED, message: { role: 'assistant', content: '', tool_calls: wireCalls([c], i) }, done: false }), delta: true });
      });
      const last: Record<string, unknown> = { model, created_at: CREATED, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', total_duration: 1000 };
      if (usage) Object.assign(last, { prompt_eval_count: usage.inputTokens, eval_count: usage.outputTokens });
      pieces.push({ wire: line(last) });
      return pieces;
    },
    jsonAnswer(text, usage, model, _body, toolCalls) {
      const message: Record<string, unknown> = { role: 'assistant', content: text };
      if (toolCalls.length) message.tool_calls = wireCalls(toolCalls);
      const answer: Record<string, unknown> = { model, created_at: CREATED, message, done: true, done_reason: 'stop' };
      if (usage) Object.assign(answer, { prompt_eval_count: usage.inputTokens, eval_count: usage.outputTokens });
      return answer;
    },
    embedAnswer(vectors, usage, model) {
      const answer: Record<string, unknown> = { model, embeddings: vectors, total_duration: 1000, load_duration: 10 };
      if (usage) answer.prompt_eval_count = usage.inputTokens;
      return answer;
    },
    malformedPiece: '{"model": "x", "message": {\n',
    streamErrorPiece: (_status, message) => line({ error: message }),
  };
}

/** Starts a fake Ollama upstream; `url` is the origin, like http://127.0.0.1:11434. */
export function startFakeOllama(o: FakeOptions = {}): Promise<FakeUpstream> {
  return startFake(ollamaDialect(o), o);
}
