/**
 * Exact token counts for metering what no provider reported (a stream cut
 * before the vendor's usage arrived). The cl100k_base ranks ship inside
 * js-tiktoken (no runtime download) and load lazily: ~1 MB that most chats
 * never need.
 */
import type { ChatMessage, TokenUsage } from '../../../plugins/plugin-api.ts';
import { messageText } from './token-estimate.ts';

type Encoder = { encode(text: string): number[] };
let encoder: Promise<Encoder> | undefined;

function loadEncoder(): Promise<Encoder> {
  encoder ??= Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/cl100k_base')]).then(([lite, ranks]) => new lite.Tiktoken(ranks.default));
  return encoder;
}

// OpenAI's documented ChatML overhead: 3 tokens per message plus 3 to prime the reply.
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

/** Counts prompt and completion tokens the way OpenAI bills chat models (an estimate for other vendors). */
export async function countUsage(messages: readonly ChatMessage[], completion: string): Promise<TokenUsage> {
  const enc = await loadEncoder();
  let input = REPLY_PRIMING;
  for (const m of messages) input += PER_MESSAGE + enc.encode(m.role).length + enc.encode(messageText(m)).length;
  return { inputTokens: input, outputTokens: completion ? enc.encode(completion).length : 0 };
}

/**
 * A prompt's tokens counted with cl100k_base plus a 10% margin and the framing
 * overhead, for a reservation close to the input limit, where the byte bound
 * would refuse a prompt that fits. Slow (about 1 ms per 2 KB of English), so
 * only used on that path.
 */
export async function promptTokensWithMargin(messages: readonly ChatMessage[]): Promise<number> {
  const enc = await loadEncoder();
  let total = 4;
  for (const m of messages) total += 8 + Math.ceil(enc.encode(messageText(m)).length * 1.1);
  return total;
}

/** Output tokens of a text counted with cl100k_base (checking what a vendor reported). */
export async function countTextTokens(text: string): Promise<number> {
  return text ? (await loadEncoder()).encode(text).length : 0;
}
