/**
 * Fake Gemini API under /v1beta: models/{m}:generateContent (JSON),
 * models/{m}:streamGenerateContent?alt=sse (CRLF-separated SSE, no [DONE];
 * the last chunk carries finishReason and full usageMetadata), GET /models.
 */
import type { TokenUsage } from '../../plugins/plugin-api.ts';
import { startFake, type Dialect, type FakeOptions, type FakeUpstream, type Piece } from './fake-server.ts';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE',
};
// The real service separates events with CRLF pairs, which exercises the parser's line-ending handling.
const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\r\n\r\n`;

function usageMetadata(u: TokenUsage | undefined, final: boolean) {
  if (!u) return undefined;
  return final
    ? { promptTokenCount: u.inputTokens, candidatesTokenCount: u.outputTokens, totalTokenCount: u.inputTokens + u.outputTokens }
    : { promptTokenCount: u.inputTokens, totalTokenCount: u.inputTokens };
}

export function geminiDialect(o: FakeOptions = {}): Dialect {
  const models = o.models ?? ['gemini-fake-flash', 'gemini-fake-pro'];
  return {
    prefix: '/v1beta',
    models,
    route(method, path) {
      const m = path.match(/^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)(\?.*)?$/);
      if (method === 'POST' && m) {
        const stream = m[2] === 'streamGenerateContent';
        // Without alt=sse the real API streams a JSON array; the plugin must always ask for SSE.
        if (stream && !m[3]?.includes('alt=sse')) return null;
        return { kind: 'chat', model: decodeURIComponent(m[1]), stream };
      }
      if (method === 'GET' && path.startsWith('/v1beta/models')) {
        return {
          kind: 'json',
          body: { models: models.map((id) => ({ name: `models/${id}`, displayName: id, supportedGenerationMethods: ['generateContent'] })) },
        };
      }
      return null;
    },
    problems: () => [],
    authorized: (h, key) => h['x-goog-api-key'] === key,
    errorBody(status, message) {
      const error: Record<string, unknown> = { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' };
      if (status === 429) error.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }];
      return { error };
    },
    streamContentType: 'text/event-stream',
    streamPieces(deltas, usage, model) {
      const pieces: Piece[] = deltas.map((text, i) => {
        const last = i === deltas.length - 1;
        const candidate: Record<string, unknown> = { content: { parts: [{ text }], role: 'model' }, index: 0 };
        if (last) candidate.finishReason = 'STOP';
        return { wire: sse({ candidates: [candidate], usageMetadata: usageMetadata(usage, last), modelVersion: model }), delta: true };
      });
      return pieces;
    },
    jsonAnswer: (text, usage, model) => ({
      candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
      usageMetadata: usageMetadata(usage, true),
      modelVersion: model,
    }),
    malformedPiece: 'data: {"candidates": [\r\n\r\n',
    streamErrorPiece: (status, message) => sse({ error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNAVAILABLE' } }),
  };
}

/** Starts a fake Gemini upstream; `url` ends in `/v1beta` like the real base URL. */
export function startFakeGemini(o: FakeOptions = {}): Promise<FakeUpstream> {
  return startFake(geminiDialect(o), o);
}
