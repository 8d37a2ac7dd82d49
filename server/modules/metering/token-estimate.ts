import { contentText, type ChatMessage } from '../../../plugins/plugin-api.ts';

/**
 * What an image can cost at most: vendors bill images by size, up to a few
 * thousand tokens (OpenAI's high detail at 2048x2048 is 1,105; Anthropic's cap
 * is about 1,600; Gemini tiles at 258 each). Reserved per image part.
 */
const IMAGE_TOKEN_BOUND = 4_000;

/** The text of a message that a vendor tokenizes: its content and the tool calls it carries. */
export function messageText(m: ChatMessage): string {
  const text = contentText(m.content);
  if (!m.toolCalls?.length) return text;
  let calls = '';
  for (const c of m.toolCalls) calls += c.id + c.name + c.arguments;
  return text + calls;
}

function imageTokenBound(content: ChatMessage['content']): number {
  if (!Array.isArray(content)) return 0;
  let images = 0;
  for (const part of content) if (part.type === 'image') images++;
  return images * IMAGE_TOKEN_BOUND;
}

/**
 * Framing tokens per message that chat formats add (role markers, separators);
 * generous, as vendors differ.
 */
const PER_MESSAGE_OVERHEAD = 8;
const REPLY_PRIMING = 4;

/**
 * An upper bound on a prompt's tokens, for the quota reservation: no tokenizer
 * in use (byte-level BPE as OpenAI, Anthropic and Llama use, or SentencePiece
 * with byte fallback as Gemini does) makes more than one token of a UTF-8 byte,
 * so the byte count can only overcount. Cheap (native byte length) and safe for
 * any script, emoji or base64; it over-reserves English about four times, which
 * settlement gives back at once and `promptTokensNearLimit` tightens where it matters.
 */
export function promptTokenBound(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING;
  for (const m of messages) total += PER_MESSAGE_OVERHEAD + Buffer.byteLength(messageText(m), 'utf8') + imageTokenBound(m.content);
  return total;
}

/**
 * A quick estimate of the tokens in a text, close to what cl100k-style
 * tokenizers count. ASCII is read in the pieces those tokenizers split it into
 * first: a run of letters (with its leading space) is about one token per six
 * letters, a run of digits or punctuation one per three, extra
 * whitespace one per four. Latin, Greek and Cyrillic letters outside ASCII are
 * about two to a token, other scripts (CJK, Thai, Devanagari, Arabic...) about
 * one per character, characters outside the Basic Multilingual Plane (emoji,
 * CJK extension B) about three. Used to meter output while it streams and to
 * check the usage a vendor reports; never as a bound.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let half = 0; // two-to-a-token letters
  let run = 0; // length of the current ASCII run
  let kind = 0; // 0 none, 1 letters, 2 digits, 3 punctuation, 4 whitespace
  const close = () => {
    if (run === 0) return;
    if (kind === 1) tokens += Math.ceil(run / 6);
    else if (kind === 2) tokens += Math.ceil(run / 3);
    else if (kind === 3) tokens += Math.ceil(run / 3);
    else if (kind === 4 && run > 1) tokens += Math.ceil((run - 1) / 4);
    run = 0;
    kind = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const k = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : c >= 48 && c <= 57 ? 2 : c === 32 || c === 9 || c === 10 || c === 13 ? 4 : 3;
      if (k !== kind) {
        // A single space joins the word after it, as the tokenizers do.
        const space = kind === 4 && run === 1 && k === 1;
        close();
        if (space) run = 0;
      }
      kind = k;
      run++;
      continue;
    }
    close();
    if (c < 0x530) half++;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: one astral character.
      tokens += 3;
      i++;
    } else tokens += 1;
  }
  close();
  return tokens + Math.ceil(half / 2);
}

/** The quick estimate over a whole prompt, with the same framing as the bound. */
export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING;
  for (const m of messages) total += PER_MESSAGE_OVERHEAD + estimateTokens(messageText(m));
  return total;
}
