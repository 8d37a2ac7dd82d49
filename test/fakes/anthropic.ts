/**
 * Fake Anthropic Messages API: POST /v1/messages (JSON, or SSE with
 * message_start / content_block_start / content_block_delta / content_block_stop /
 * message_delta / message_stop; tool calls as `tool_use` blocks whose input
 * streams as `input_json_delta` pieces; a forced `tool_choice` is answered with
 * that tool; prompt-cache reads as `cache_read_input_tokens`), GET /v1/models.
 */
import type { TokenUsage } from '../../plugins/plugin-api.ts';
import { anthropicMessagesRequest } from './anthropic-shapes.ts';
import { argumentPieces, shapeProblems, startFake, type Dialect, type FakeOptions, type FakeToolCall, type FakeUpstream, type Piece } from './fake-server.ts';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};
const errorType = (status: number) => ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/** Input tokens as Anthropic splits them: uncached input, and what was read from the prompt cache. */
const inputUsage = (u: TokenUsage | undefined) =>
  u?.cachedInputTokens !== undefined ? { input_tokens: u.inputTokens - u.cachedInputTokens, cache_read_input_tokens: u.cachedInputTokens } : { input_tokens: u?.inputTokens ?? 0 };

/**
 * What the model answers: the scripted tool calls, or, when the request forces
 * one tool (`tool_choice: {type: 'tool'}`) and none is scripted, that tool called
 * with the reply text as its input (the reply must then be a JSON object).
 */
function answerCalls(body: any, text: string, toolCalls: FakeToolCall[]): { text: string; calls: FakeToolCall[] } {
  if (toolCalls.length || body?.tool_choice?.type !== 'tool') return { text, calls: toolCalls };
  return { text: '', calls: [{ id: 'toolu_forced_1', name: body.tool_choice.name, arguments: text }] };
}

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
    problems: (_route, body) => shapeProblems(anthropicMessagesRequest, body),
    authorized: (h, key) => h['x-api-key'] === key,
    errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),
    streamContentType: 'text/event-stream',
    streamPieces(deltas, usage, model, body, toolCalls) {
      const answer = answerCalls(body, deltas.join(''), toolCalls);
      const textDeltas = answer.text ? deltas : [];
      const pieces: Piece[] = [
        {
          wire: event('message_start', {
            type: 'message_start',
            message: {
              id: 'msg_fake', type: 'message', role: 'assistant', content: [], model, stop_reason: null, stop_sequence: null,
              usage: { ...inputUsage(usage), output_tokens: 1 },
            },
          }),
        },
      ];
      let index = 0;
      if (textDeltas.length || !answer.calls.length) {
        pieces.push(
          { wire: event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }) },
          { wire: event('ping', { type: 'ping' }) },
        );
        for (const text of textDeltas) {
          pieces.push({ wire: event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }), delta: true });
        }
        pieces.push({ wire: event('content_block_stop', { type: 'content_block_stop', index }) });
        index++;
      }
      for (const call of answer.calls) {
        pieces.push({
          wire: event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }),
          delta: true,
        });
        // The real API opens with an empty piece, then streams the input JSON in fragments.
        for (const partial_json of ['', ...argumentPieces(call.arguments)]) {
          pieces.push({ wire: event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }), delta: partial_json !== '' });
        }
        pieces.push({ wire: event('content_block_stop', { type: 'content_block_stop', index }) });
        index++;
      }
      const delta: Record<string, unknown> = { type: 'message_delta', delta: { stop_reason: answer.calls.length ? 'tool_use' : 'end_turn', stop_sequence: null } };
      if (usage) delta.usage = { output_tokens: usage.outputTokens };
      pieces.push({ wire: event('message_delta', delta) }, { wire: event('message_stop', { type: 'message_stop' }) });
      return pieces;
    },
    jsonAnswer(text, usage, model, body, toolCalls) {
      const answer = answerCalls(body, text, toolCalls);
      const content: unknown[] = answer.text || !answer.calls.length ? [{ type: 'text', text: answer.text }] : [];
      for (const c of answer.calls) content.push({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.arguments) });
      return {
        id: 'msg_fake', type: 'message', role: 'assistant', model, content,
        stop_reason: answer.calls.length ? 'tool_use' : 'end_turn', stop_sequence: null,
        usage: usage ? { ...inputUsage(usage), output_tokens: usage.outputTokens } : undefined,
      };
    },
    malformedPiece: 'event: content_block_delta\ndata: {"type":"content_block_delta",\n\n',
    streamErrorPiece: (status, message) => event('error', { type: 'error', error: { type: errorType(status), message } }),
  };
}

/** Starts a fake Anthropic upstream; `url` is the origin, like https://api.anthropic.com. */
export function startFakeAnthropic(o: FakeOptions = {}): Promise<FakeUpstream> {
  return startFake(anthropicDialect(o), o);
}
