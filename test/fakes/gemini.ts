/**
 * Fake Gemini API under /v1beta: models/{m}:generateContent (JSON),
 * models/{m}:streamGenerateContent?alt=sse (CRLF-separated SSE, no [DONE];
 * the last chunk carries finishReason and full usageMetadata; each function
 * call arrives whole in its own chunk, without an id, the first one carrying a
 * thought signature as Gemini 3 models send), models/{m}:batchEmbedContents
 * (no usage, as the real API), GET /models.
 */
import type { TokenUsage } from '../../plugins/plugin-api.ts';
import { shapeProblems, startFake, type Dialect, type FakeOptions, type FakeToolCall, type FakeUpstream, type Piece } from './fake-server.ts';
import { geminiBatchEmbedRequest, geminiGenerateRequest } from './gemini-shapes.ts';

/** The thought signature the fake puts on the first function call of an answer. */
export const FAKE_THOUGHT_SIGNATURE = 'c2lnbmF0dXJlLW9mLXRoZS1mYWtl';

const functionCallPart = (c: FakeToolCall, first: boolean) => ({
  functionCall: { name: c.name, args: JSON.parse(c.arguments || '{}') },
  ...(first && { thoughtSignature: FAKE_THOUGHT_SIGNATURE }),
});

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE',
};
// The real service separates events with CRLF pairs, which exercises the parser's line-ending handling.
const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\r\n\r\n`;

function usageMetadata(u: TokenUsage | undefined, final: boolean) {
  if (!u) return undefined;
  const cached = u.cachedInputTokens !== undefined ? { cachedContentTokenCount: u.cachedInputTokens } : {};
  return final
    ? { promptTokenCount: u.inputTokens, candidatesTokenCount: u.outputTokens, totalTokenCount: u.inputTokens + u.outputTokens, ...cached }
    : { promptTokenCount: u.inputTokens, totalTokenCount: u.inputTokens, ...cached };
}

export function geminiDialect(o: FakeOptions = {}): Dialect {
  const models = o.models ?? ['gemini-fake-flash', 'gemini-fake-pro'];
  return {
    prefix: '/v1beta',
    models,
    route(method, path, body) {
      const e = path.match(/^\/v1beta\/models\/([^/:]+):batchEmbedContents$/);
      if (method === 'POST' && e) {
        const requests: any[] = Array.isArray(body?.requests) ? body.requests : [];
        const input = requests.map((r) => r?.content?.parts?.map((p: { text?: string }) => p.text ?? '').join('') ?? '');
        return { kind: 'embed', model: decodeURIComponent(e[1]), input, dimensions: requests[0]?.outputDimensionality };
      }
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
    problems(route, body, path) {
      if (route.kind === 'chat') return shapeProblems(geminiGenerateRequest, body);
      const problems = shapeProblems(geminiBatchEmbedRequest, body);
      const model = `models/${route.model}`;
      if (body?.requests?.some((r: { model?: string }) => r.model !== model)) problems.push(`requests[].model: must be ${model}, the model of ${path}`);
      return problems;
    },
    authorized: (h, key) => h['x-goog-api-key'] === key,
    errorBody(status, message) {
      const error: Record<string, unknown> = { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' };
      if (status === 429) error.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }];
      return { error };
    },
    streamContentType: 'text/event-stream',
    streamPieces(deltas, usage, model, _body, toolCalls) {
      const chunks: { parts: unknown[]; delta: boolean }[] = deltas.map((text) => ({ parts: [{ text }], delta: true }));
      toolCalls.forEach((c, i) => chunks.push({ parts: [functionCallPart(c, i === 0)], delta: true }));
      return chunks.map(({ parts }, i): Piece => {
        const last = i === chunks.length - 1;
        const candidate: Record<string, unknown> = { content: { parts, role: 'model' }, index: 0 };
        if (last) candidate.finishReason = 'STOP';
        return { wire: sse({ candidates: [candidate], usageMetadata: usageMetadata(usage, last), modelVersion: model }), delta: true };
      });
    },
    jsonAnswer: (text, usage, model, _body, toolCalls) => ({
      candidates: [
        {
          content: { parts: [...(text || !toolCalls.length ? [{ text }] : []), ...toolCalls.map((c, i) => functionCallPart(c, i === 0))], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: usageMetadata(usage, true),
      modelVersion: model,
    }),
    embedAnswer: (vectors) => ({ embeddings: vectors.map((values) => ({ values })) }),
    malformedPiece: 'data: {"candidates": [\r\n\r\n',
    streamErrorPiece: (status, message) => sse({ error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNAVAILABLE' } }),
  };
}

/** Starts a fake Gemini upstream; `url` ends in `/v1beta` like the real base URL. */
export function startFakeGemini(o: FakeOptions = {}): Promise<FakeUpstream> {
  return startFake(geminiDialect(o), o);
}
