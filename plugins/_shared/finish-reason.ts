import type { FinishReason } from '../plugin-api.ts';

/**
 * Maps a vendor's stop reason to the gateway's four. Unknown reasons count as
 * `stop` (the model ended on its own), so a new vendor value never breaks a chat.
 */
export function finishReasonOf(raw: string | null | undefined, table: Readonly<Record<string, FinishReason>>): FinishReason | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  return table[raw] ?? table[raw.toLowerCase()] ?? 'stop';
}

/** OpenAI Chat Completions and the servers that copy it (also Ollama's `done_reason`). */
export const OPENAI_FINISH: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};
