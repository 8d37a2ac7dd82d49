/**
 * Token counting for upstreams that report no usage. The cl100k_base ranks ship
 * inside js-tiktoken (no runtime download); they are imported lazily because they
 * are ~1 MB of JavaScript that most deployments never need.
 */
import { contentText, type ChatMessage, type TokenUsage } from '../plugin-api.ts';

type Encoder = { encode(text: string): number[] };
let encoder: Promise<Encoder> | undefined;

function loadEncoder(): Promise<Encoder> {
  encoder ??= Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/cl100k_base')]).then(
    ([lite, ranks]) => new lite.Tiktoken(ranks.default),
  );
  return encoder;
}

// OpenAI's documented ChatML overhead: 3 tokens per message plus 3 to prime the reply.
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

/** Counts prompt and completion tokens the way OpenAI bills chat models (an estimate for other vendors). */
export async function countUsage(messages: ChatMessage[], completion: string): Promise<TokenUsage> {
  const enc = await loadEncoder();
  let input = REPLY_PRIMING;
  for (const m of messages) input += PER_MESSAGE + enc.encode(m.role).length + enc.encode(contentText(m.content)).length;
  return { inputTokens: input, outputTokens: completion ? enc.encode(completion).length : 0 };
}
