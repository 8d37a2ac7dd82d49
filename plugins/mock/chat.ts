/** Deterministic replies and token counts: same request in, same deltas and usage out. */
import { contentText, type ChatChunk, type ChatRequest } from '../plugin-api.ts';
import type { MockOptions } from './api.ts';
import { abortedFault, injectedFault, midStreamFault } from './errors.ts';

/** Whitespace-separated words: the mock's "tokens", easy to predict in tests. */
export function countWords(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/** The reply before truncation by `maxTokens`. */
export function mockReply(req: ChatRequest, o: MockOptions): string {
  if (o.reply !== undefined) return o.reply;
  const lastUser = [...req.messages].reverse().find((m) => m.role === 'user')?.content;
  const said = lastUser == null ? undefined : contentText(lastUser).trim();
  return said ? `You said: ${said}` : 'Hello from the mock provider.';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortedFault(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedFault(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Streams one reply; `callIndex` (0-based per instance) drives `failFirst`. */
export async function* mockChat(o: MockOptions, req: ChatRequest, callIndex: number): AsyncGenerator<ChatChunk> {
  if (req.signal.aborted) throw abortedFault(req.signal);
  if (callIndex < o.failFirst) {
    if (o.latencyMs) await sleep(o.latencyMs, req.signal);
    throw injectedFault(o.failWith, o.retryAfterMs);
  }
  let words: string[] = mockReply(req, o).match(/\S+\s*/g) ?? [];
  const truncated = req.maxTokens !== undefined && words.length > req.maxTokens;
  if (truncated) words = words.slice(0, req.maxTokens);
  const per = req.stream === false ? Math.max(words.length, 1) : o.wordsPerDelta;
  let sent = 0;
  for (let i = 0; i < words.length; i += per) {
    if (sent === o.failAfterDeltas) throw midStreamFault();
    if (o.latencyMs) await sleep(o.latencyMs, req.signal);
    else if (req.signal.aborted) throw abortedFault(req.signal);
    sent++;
    yield { type: 'delta', text: words.slice(i, i + per).join('') };
  }
  // A reply shorter than failAfterDeltas still breaks: the knob promises no clean finish.
  if (o.failAfterDeltas !== undefined) throw midStreamFault();
  const inputTokens = req.messages.reduce((n, m) => n + countWords(contentText(m.content)), 0);
  yield { type: 'usage', usage: { inputTokens, outputTokens: words.length }, finishReason: truncated ? 'length' : 'stop' };
}
