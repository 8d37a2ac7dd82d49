/** Chat core results and events in Anthropic's Messages shapes and streaming event grammar. */
import type { FinishReason, TokenUsage } from '../../../plugins/plugin-api.ts';
import type { ChatEvent, ChatResult } from '../../modules/chat/chat.types.ts';
import { parsedArguments } from '../door-context.ts';

const STOP_REASON: Record<FinishReason, string> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' };
export const stopReason = (r: FinishReason | null) => STOP_REASON[r ?? 'stop'];

/** Anthropic counts cache reads apart from input_tokens; the gateway's input includes them. */
export function usageOf(usage: TokenUsage) {
  const cached = usage.cachedInputTokens ?? 0;
  return { input_tokens: usage.inputTokens - cached, output_tokens: usage.outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: cached };
}

export function messageBody(r: ChatResult) {
  return {
    id: `msg_${r.chatId.replace(/-/g, '')}`,
    type: 'message',
    role: 'assistant',
    model: r.requestedModel,
    content: [
      ...(r.text ? [{ type: 'text', text: r.text }] : []),
      ...r.toolCalls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: parsedArguments(c.arguments) })),
    ],
    stop_reason: stopReason(r.finishReason),
    stop_sequence: null,
    usage: usageOf(r.usage),
  };
}

const sse = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/**
 * Turns chat events into Anthropic's stream: message_start, a ping, then one
 * content block per text run or tool call (content_block_start, text_delta or
 * input_json_delta pieces, content_block_stop), message_delta with the stop
 * reason and usage, message_stop.
 */
export function eventWriter(id: string, model: string) {
  let started = false;
  let open: { kind: 'text' | 'tool'; index: number; key?: number } | null = null;
  let next = 0;
  const start = () => {
    if (started) return '';
    started = true;
    const message = { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } };
    return sse('message_start', { message }) + sse('ping', {});
  };
  const close = () => {
    if (!open) return '';
    const out = sse('content_block_stop', { index: open.index });
    open = null;
    return out;
  };
  return {
    start,
    event(e: ChatEvent): string {
      let out = start();
      if (e.type === 'delta') {
        if (open?.kind !== 'text') {
          out += close();
          open = { kind: 'text', index: next++ };
          out += sse('content_block_start', { index: open.index, content_block: { type: 'text', text: '' } });
        }
        return out + sse('content_block_delta', { index: open.index, delta: { type: 'text_delta', text: e.text } });
      }
      if (e.type === 'tool_call') {
        if (open?.kind !== 'tool' || open.key !== e.index) {
          out += close();
          open = { kind: 'tool', index: next++, key: e.index };
          out += sse('content_block_start', { index: open.index, content_block: { type: 'tool_use', id: e.id ?? `toolu_${open.index}`, name: e.name ?? '', input: {} } });
        }
        if (e.arguments) out += sse('content_block_delta', { index: open.index, delta: { type: 'input_json_delta', partial_json: e.arguments } });
        return out;
      }
      const r = e.result;
      out += close();
      out += sse('message_delta', { delta: { stop_reason: stopReason(r.finishReason), stop_sequence: null }, usage: usageOf(r.usage) });
      return out + sse('message_stop', {});
    },
  };
}
