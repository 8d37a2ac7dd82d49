/**
 * Fake Anthropic Messages API: POST /v1/messages (JSON, or SSE with
 * message_start / content_block_delta / message_delta / message_stop),
 * GET /v1/models (paginated shape).
 */
import { startFake, type Dialect, type FakeOptions, type FakeUpstream, type Piece } from './fake-server.ts';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};
const errorType = (status: number) => ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

export function anthropicDialect(o: FakeOptions = {}): Dialect {
  const models = o.models ?? ['claude-fake-1', 'claude-fake-2'];
  return {
    prefix: '',
    models,
    route(method, path, body) {
      if (method === 'POST' && path === '/v1/messages') return { kind: 'chat', model: body?.model, stream: body?.stream === true };
      if (method === 'GET' && path.startsWith('/v1/models')) {
        const limit = Number(new URL(path, 'http://x').searchParams.get('limit') ?? 20);
        const page = models.slice(0, limit);
        return {
          kind: 'json',
          body: {
            data: page.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
            has_more: false,
            first_id: page[0] ?? null,
            last_id: page.at(-1) ?? null,
          },
        };
      }
      return null;
    },
    problems: () => [],
    authorized: (h, key) => h['x-api-key'] === key,
    errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),
    streamContentType: 'text/event-stream',
    streamPieces(deltas, usage, model) {
      const pieces: Piece[] = [
        {
          wire: event('message_start', {
            type: 'message_start',
            message: {
              id: 'msg_fake', type: 'message', role: 'assistant', content: [], model, stop_reason: null, stop_sequence: null,
              usage: { input_tokens: usage?.inputTokens ?? 0, output_tokens: 1 },
            },
          }),
        },
        { wire: event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) },
        { wire: event('ping', { type: 'ping' }) },
      ];
      for (const text of deltas) {
        pieces.push({ wire: event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }), delta: true });
      }
      pieces.push({ wire: event('content_block_stop', { type: 'content_block_stop', index: 0 }) });
      const delta: Record<string, unknown> = { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null } };
      if (usage) delta.usage = { output_tokens: usage.outputTokens };
      pieces.push({ wire: event('message_delta', delta) }, { wire: event('message_stop', { type: 'message_stop' }) });
      return pieces;
    },
    jsonAnswer: (text, usage, model) => ({
      id: 'msg_fake', type: 'message', role: 'assistant', model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn', stop_sequence: null,
      usage: usage ? { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens } : undefined,
    }),
    malformedPiece: 'event: content_block_delta\ndata: {"type":"content_block_delta",\n\n',
    streamErrorPiece: (status, message) => event('error', { type: 'error', error: { type: errorType(status), message } }),
  };
}

/** Starts a fake Anthropic upstream; `url` is the origin, like https://api.anthropic.com. */
export function startFakeAnthropic(o: FakeOptions = {}): Promise<FakeUpstream> {
  return startFake(anthropicDialect(o), o);
}
