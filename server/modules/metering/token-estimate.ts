import type { ChatMessage } from '../../../plugins/plugin-api.ts';

// Per-message framing tokens most chat formats add (role markers, separators).
const PER_MESSAGE_OVERHEAD = 4;

/**
 * A fast upper-leaning estimate of prompt tokens, used to reserve quota before
 * the request goes upstream (the provider's own count settles it afterwards).
 * CJK characters are about one token each; other text about four characters a token.
 */
export function estimateTokens(text: string): number {
  let wide = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // CJK, kana, hangul, fullwidth forms: roughly one token per character.
    if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef)) wide++;
  }
  return wide + Math.ceil((text.length - wide) / 4);
}

export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  let total = 3;
  for (const m of messages) total += PER_MESSAGE_OVERHEAD + estimateTokens(m.content);
  return total;
}
