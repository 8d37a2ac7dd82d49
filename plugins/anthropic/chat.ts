/** Anthropic Messages API: request body and SSE/JSON transforms. */
import type { ChatChunk, ChatRequest, TokenUsage } from '../plugin-api.ts';
import { parseJsonSafe, snippet, streamError } from '../_shared/errors.ts';
import { bodyError, readJson, type UpstreamClient } from '../_shared/http.ts';
import { parseSse } from '../_shared/sse.ts';
import type { AnthropicOptions } from './api.ts';
import { anthropicStreamError, classifyAnthropicError } from './errors.ts';
import { finishReasonOf } from '../_shared/finish-reason.ts';
import type { FinishReason } from '../plugin-api.ts';

const ANTHROPIC_FINISH: Record<string, FinishReason> = { end_turn: 'stop', stop_sequence: 'stop', pause_turn: 'stop', max_tokens: 'length', tool_use: 'tool_calls', refusal: 'content_filter' };

/** System messages go to the top-level `system` field; the rest keep their order. */
export function messagesBody(req: ChatRequest, o: AnthropicOptions, stream: boolean): string {
  const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
  const body: Record<string, unknown> = {
    model: req.model,
    max_tokens: req.maxTokens ?? o.defaultMaxTokens,
    messages: req.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content })),
    stream,
  };
  if (system) body.system = system;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.stop?.length) body.stop_sequences = req.stop;
  return JSON.stringify(body);
}

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

// Cache reads and writes are input the vendor processed; count them so metering sees them.
const inputOf = (u: AnthropicUsage) => (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);

interface StreamEvent {
  type?: string;
  message?: { usage?: AnthropicUsage };
  delta?: { type?: string; text?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

export async function* anthropicChat(
  client: UpstreamClient,
  headers: Record<string, string>,
  o: AnthropicOptions,
  req: ChatRequest,
): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  const res = await client.send(
    {
      method: 'POST',
      path: '/v1/messages',
      headers: { ...headers, 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
      body: messagesBody(req, o, stream),
      signal: req.signal,
    },
    classifyAnthropicError,
  );
  if (!stream) {
    const json = (await readJson(res, req.signal)) as { content?: { type: string; text?: string }[]; usage?: AnthropicUsage; stop_reason?: string };
    if (!Array.isArray(json.content) || !json.usage) throw streamError('malformed Messages response', false);
    const text = json.content.map((b) => (b.type === 'text' ? b.text ?? '' : '')).join('');
    if (text) yield { type: 'delta', text };
    yield { type: 'usage', usage: { inputTokens: inputOf(json.usage), outputTokens: json.usage.output_tokens ?? 0 }, finishReason: finishReasonOf(json.stop_reason, ANTHROPIC_FINISH) };
    return;
  }
  let usage: TokenUsage | undefined;
  let finishReason: string | undefined;
  let stopped = false;
  try {
    for await (const ev of parseSse(res.body)) {
      const data = parseJsonSafe(ev.data) as StreamEvent | undefined;
      if (!data || typeof data !== 'object') throw streamError(`malformed stream data: ${snippet(ev.data)}`, false);
      switch (data.type) {
        case 'message_start': {
          const u = data.message?.usage ?? {};
          usage = { inputTokens: inputOf(u), outputTokens: u.output_tokens ?? 0 };
          break;
        }
        case 'content_block_delta':
          if (data.delta?.type === 'text_delta' && data.delta.text) yield { type: 'delta', text: data.delta.text };
          break;
        case 'message_delta':
          // output_tokens here is cumulative, so it replaces the start event's count.
          if (usage && data.usage?.output_tokens !== undefined) usage.outputTokens = data.usage.output_tokens;
          finishReason = data.delta?.stop_reason ?? finishReason;
          break;
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          throw anthropicStreamError(data);
      }
      if (stopped) break;
    }
  } catch (err) {
    throw bodyError(err, req.signal);
  } finally {
    if (!res.body.destroyed) res.body.destroy();
  }
  if (!stopped) throw streamError('upstream stream ended without message_stop', true);
  if (!usage) throw streamError('upstream stream had no message_start usage', false);
  yield { type: 'usage', usage, finishReason: finishReasonOf(finishReason, ANTHROPIC_FINISH) };
}
