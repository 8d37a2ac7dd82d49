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

/**
 * Counts prompt and completion tokens the way OpenAI bills chat models (an
 * estimate for other vendors). Tool calls in the history count by name and
 * arguments; images are not counted (vendors bill them by size, not text).
 */
export async function countUsage(messages: ChatMessage[], completion: string): Promise<TokenUsage> {
  const enc = await loadEncoder();
  let input = REPLY_PRIMING;
  for (const m of messages) {
    input += PER_MESSAGE + enc.encode(m.role).length + enc.encode(contentText(m.content)).length;
    for (const c of m.toolCalls ?? []) input += enc.encode(c.name).length + enc.encode(c.arguments).length;
  }
  return { inputTokens: input, outputTokens: completion ? enc.encode(completion).length : 0 };
}

/** Counts the tokens of texts to embed (cl100k_base), for upstreams that report none. */
export async function countTextTokens(texts: string[]): Promise<number> {
  const enc = await loadEncoder();
  return texts.reduce((n, t) => n + enc.encode(t).length, 0);
}
