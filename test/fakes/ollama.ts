/**
 * Fake Ollama: POST /api/chat (JSON, or NDJSON lines ending with `done: true`
 * and prompt_eval_count / eval_count), GET /api/tags, GET /api/version.
 */
import { startFake, type Dialect, type FakeOptions, type FakeUpstream, type Piece } from './fake-server.ts';

const line = (obj: unknown) => `${JSON.stringify(obj)}\n`;
const CREATED = '2025-01-01T00:00:00.000Z';

export function ollamaDialect(o: FakeOptions = {}): Dialect {
  const models = o.models ?? ['llama3.2:1b', 'qwen2.5:0.5b'];
  return {
    prefix: '',
    models,
    route(method, path, body) {
      if (method === 'POST' && path === '/api/chat') return { kind: 'chat', model: body?.model, stream: body?.stream !== false };
      if (method === 'GET' && path === '/api/tags') {
        return { kind: 'json', body: { models: models.map((name) => ({ name, model: name, modified_at: CREATED, size: 1, digest: 'sha256:fake' })) } };
      }
      if (method === 'GET' && path === '/api/version') return { kind: 'json', body: { version: '0.9.0-fake' } };
      return null;
    },
    problems: () => [],
    authorized: (h, key) => h.authorization === `Bearer ${key}`,
    errorBody: (_status, message) => ({ error: message }),
    streamContentType: 'application/x-ndjson',
    streamPieces(deltas, usage, model) {
      const pieces: Piece[] = deltas.map((content) => ({
        wire: line({ model, created_at: CREATED, message: { role: 'assistant', content }, done: false }),
        delta: true,
      }));
      const last: Record<string, unknown> = { model, created_at: CREATED, message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', total_duration: 1000 };
      if (usage) Object.assign(last, { prompt_eval_count: usage.inputTokens, eval_count: usage.outputTokens });
      pieces.push({ wire: line(last) });
      return pieces;
    },
    jsonAnswer(text, usage, model) {
      const answer: Record<string, unknown> = { model, created_at: CREATED, message: { role: 'assistant', content: text }, done: true, done_reason: 'stop' };
      if (usage) Object.assign(answer, { prompt_eval_count: usage.inputTokens, eval_count: usage.outputTokens });
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
