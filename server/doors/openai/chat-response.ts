/** Chat core results and events in OpenAI's Chat Completions shapes. */
import type { TokenUsage } from '../../../plugins/plugin-api.ts';
import type { ChatEvent, ChatResult } from '../../modules/chat/chat.types.ts';

export const completionId = (chatId: string) => `chatcmpl-${chatId}`;

export function usageOf(usage: TokenUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
  };
}

export function completionBody(r: ChatResult, created: number) {
  return {
    id: completionId(r.chatId),
    object: 'chat.completion',
    created,
    model: r.requestedModel,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: r.text || (r.toolCalls.length ? null : ''),
          refusal: null,
          ...(r.toolCalls.length ? { tool_calls: r.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
        },
        logprobs: null,
        finish_reason: r.finishReason ?? 'stop',
      },
    ],
    usage: usageOf(r.usage),
  };
}

/**
 * Turns chat events into `chat.completion.chunk` frames: a first chunk with the
 * role, text and tool-call pieces as they come, a last chunk with the finish
 * reason, then (when asked with `stream_options.include_usage`) one with the
 * usage and no choices, then `[DONE]`. The id is fixed before the chat is
 * admitted, as OpenAI's is, so every chunk carries the same one.
 */
export function chunkWriter(id: string, model: string, includeUsage: boolean) {
  const created = Math.floor(Date.now() / 1000);
  const frame = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices, ...extra })}\n\n`;
  let started = false;
  const start = () => {
    if (started) return '';
    started = true;
    return frame([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]);
  };
  return {
    start,
    event(e: ChatEvent): string {
      if (e.type === 'delta') return start() + frame([{ index: 0, delta: { content: e.text }, logprobs: null, finish_reason: null }]);
      if (e.type === 'tool_call') {
        const call = e.id !== undefined || e.name !== undefined
          ? { index: e.index, id: e.id, type: 'function', function: { name: e.name, arguments: e.arguments ?? '' } }
          : { index: e.index, function: { arguments: e.arguments ?? '' } };
        return start() + frame([{ index: 0, delta: { tool_calls: [call] }, logprobs: null, finish_reason: null }]);
      }
      const r = e.result;
      let out = start() + frame([{ index: 0, delta: {}, logprobs: null, finish_reason: r.finishReason ?? 'stop' }]);
      if (includeUsage) out += frame([], { usage: usageOf(r.usage) });
      return out + 'data: [DONE]\n\n';
    },
  };
}
