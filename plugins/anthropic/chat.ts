/** Anthropic Messages API: the call and its SSE/JSON transforms (text, tool_use blocks, usage with cache reads). */
import type { ChatChunk, ChatRequest, FinishReason, TokenUsage } from '../plugin-api.ts';
import { parseJsonSafe, snippet, streamError } from '../_shared/errors.ts';
import { finishReasonOf } from '../_shared/finish-reason.ts';
import { bodyError, readJson, type UpstreamClient } from '../_shared/http.ts';
import { vendorEvents } from '../_shared/sse.ts';
import type { AnthropicOptions } from './api.ts';
import { anthropicStreamError, classifyAnthropicError } from './errors.ts';
import { answersThroughJsonTool, messagesBody } from './request.ts';

const ANTHROPIC_FINISH: Record<string, FinishReason> = { end_turn: 'stop', stop_sequence: 'stop', pause_turn: 'stop', max_tokens: 'length', tool_use: 'tool_calls', refusal: 'content_filter' };

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/**
 * Usage as the gateway counts it: cache reads and writes are input the vendor
 * processed, so they count as input; the reads are also reported as cached.
 */
function usageOf(u: AnthropicUsage): TokenUsage {
  const usage: TokenUsage = {
    inputTokens: (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0),
    outputTokens: u.output_tokens ?? 0,
  };
  if (typeof u.cache_read_input_tokens === 'number') usage.cachedInputTokens = u.cache_read_input_tokens;
  return usage;
}

type Block = { type: string; text?: string; id?: string; name?: string; input?: unknown };

interface StreamEvent {
  type?: string;
  index?: number;
  message?: { usage?: AnthropicUsage };
  content_block?: Block;
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

/**
 * The stop reason as the caller sees it: a json_object answer comes through the
 * forced tool, but the caller asked for text, so its `tool_use` is a plain stop.
 */
function finishOf(stopReason: string | null | undefined, jsonTool: boolean): FinishReason | undefined {
  return finishReasonOf(jsonTool && stopReason === 'tool_use' ? 'end_turn' : stopReason, ANTHROPIC_FINISH);
}

export async function* anthropicChat(
  client: UpstreamClient,
  headers: Record<string, string>,
  o: AnthropicOptions,
  req: ChatRequest,
): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  const body = JSON.stringify(messagesBody(req, o, stream));
  const jsonTool = answersThroughJsonTool(req);
  const res = await client.send(
    {
      method: 'POST',
      path: '/v1/messages',
      headers: { ...headers, ...req.traceHeaders, 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
      body,
      signal: req.signal,
    },
    classifyAnthropicError,
  );
  if (!stream) {
    const json = (await readJson(res, req.signal)) as { content?: Block[]; usage?: AnthropicUsage; stop_reason?: string };
    if (!Array.isArray(json.content) || !json.usage) throw streamError('malformed Messages response', false);
    let text = '';
    const calls: Block[] = [];
    for (const b of json.content) {
      if (b.type === 'text') text += b.text ?? '';
      else if (b.type === 'tool_use' && jsonTool) text += JSON.stringify(b.input ?? {});
      else if (b.type === 'tool_use') calls.push(b);
    }
    if (text) yield { type: 'delta', text };
    for (const [index, c] of calls.entries()) yield { type: 'tool_call', index, id: c.id, name: c.name, arguments: JSON.stringify(c.input ?? {}) };
    yield { type: 'usage', usage: usageOf(json.usage), finishReason: finishOf(json.stop_reason, jsonTool) };
    return;
  }
  let usage: AnthropicUsage | undefined;
  let finishReason: string | undefined;
  let stopped = false;
  // Content block index → tool-call index (or 'json' for the forced JSON tool), and whether its input arrived.
  const tools = new Map<number, { index: number | 'json'; sentInput: boolean }>();
  let nextTool = 0;
  try {
    for await (const ev of vendorEvents(res.body, isMessageStop)) {
      const data = parseJsonSafe(ev.data) as StreamEvent | undefined;
      if (!data || typeof data !== 'object') throw streamError(`malformed stream data: ${snippet(ev.data)}`, false);
      switch (data.type) {
        case 'message_start':
          usage = { ...data.message?.usage };
          break;
        case 'content_block_start': {
          const block = data.content_block;
          if (block?.type !== 'tool_use' || data.index === undefined) break;
          if (jsonTool) {
            tools.set(data.index, { index: 'json', sentInput: false });
            break;
          }
          const index = nextTool++;
          tools.set(data.index, { index, sentInput: false });
          yield { type: 'tool_call', index, id: block.id, name: block.name };
          break;
        }
        case 'content_block_delta': {
          if (data.delta?.type === 'text_delta' && data.delta.text) yield { type: 'delta', text: data.delta.text };
          const tool = data.index === undefined ? undefined : tools.get(data.index);
          const piece = data.delta?.type === 'input_json_delta' ? data.delta.partial_json : undefined;
          if (!tool || !piece) break;
          tool.sentInput = true;
          yield tool.index === 'json' ? { type: 'delta', text: piece } : { type: 'tool_call', index: tool.index, arguments: piece };
          break;
        }
        case 'content_block_stop': {
          // A tool called without arguments streams no input: its arguments are the empty object.
          const tool = data.index === undefined ? undefined : tools.get(data.index);
          if (tool && !tool.sentInput) yield tool.index === 'json' ? { type: 'delta', text: '{}' } : { type: 'tool_call', index: tool.index, arguments: '{}' };
          break;
        }
        case 'message_delta':
          // Counts here are cumulative, so they replace the start event's.
          if (usage && data.usage) usage = { ...usage, ...numbersOf(data.usage) };
          finishReason = data.delta?.stop_reason ?? finishReason;
          break;
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          throw anthropicStreamError(data);
      }
    }
  } catch (err) {
    throw bodyError(err, req.signal);
  } finally {
    if (!res.body.destroyed) res.body.destroy();
  }
  if (!stopped) throw streamError('upstream stream ended without message_stop', true);
  if (!usage) throw streamError('upstream stream had no message_start usage', false);
  yield { type: 'usage', usage: usageOf(usage), finishReason: finishOf(finishReason, jsonTool) };
}

/** The counts a usage object carries (a message_delta may send only some, or nulls). */
function numbersOf(u: AnthropicUsage): AnthropicUsage {
  return Object.fromEntries(Object.entries(u).filter(([, v]) => typeof v === 'number')) as AnthropicUsage;
}

/** The stream's last event (named by its `event:` line, or only by its data where a compatible server sends none). */
const isMessageStop = (e: { event: string; data: string }) => e.event === 'message_stop' || (e.event === 'message' && /"type"\s*:\s*"message_stop"/.test(e.data));
