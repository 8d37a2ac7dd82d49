/** Deterministic replies and token counts: same request in, same deltas, tool calls and usage out. */
import { contentText, type ChatChunk, type ChatMessage, type ChatRequest, type FinishReason } from '../plugin-api.ts';
import type { MockOptions } from './api.ts';
import { abortedFault, injectedFault, midStreamFault } from './errors.ts';
import { exampleOf } from './schema-example.ts';

/** Whitespace-separated words: the mock's "tokens", easy to predict in tests. */
export function countWords(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/** A message's words as the mock counts input: its text and the arguments of the tool calls it carries. */
const messageWords = (m: ChatMessage) => countWords(contentText(m.content)) + (m.toolCalls?.reduce((n, c) => n + countWords(c.arguments), 0) ?? 0);

function imagesIn(m: ChatMessage | undefined): number {
  return Array.isArray(m?.content) ? m.content.filter((p) => p.type === 'image').length : 0;
}

/** The reply before truncation by `maxTokens`. */
export function mockReply(req: ChatRequest, o: MockOptions): string {
  const last = req.messages.at(-1);
  // After a tool result: answer with text that says what the tool returned.
  if (last?.role === 'tool') {
    const call = req.messages.flatMap((m) => m.toolCalls ?? []).find((c) => c.id === last.toolCallId);
    return `The ${call?.name ?? 'tool'} tool returned: ${contentText(last.content).trim()}`;
  }
  if (req.responseFormat?.type === 'json_schema') return JSON.stringify(exampleOf(req.responseFormat.schema));
  if (o.reply !== undefined) return o.reply;
  const lastUserMessage = [...req.messages].reverse().find((m) => m.role === 'user');
  const said = lastUserMessage == null ? undefined : contentText(lastUserMessage.content).trim();
  const images = imagesIn(lastUserMessage);
  const seen = images ? `I received ${images} image${images === 1 ? '' : 's'}. ` : '';
  const text = said ? `${seen}You said: ${said}` : seen ? seen.trim() : 'Hello from the mock provider.';
  return req.responseFormat?.type === 'json_object' ? JSON.stringify({ answer: text }) : text;
}

/** The tool the mock calls: the named tool choice, else the first tool, when the user spoke last and tools are offered. */
export function mockToolCall(req: ChatRequest): { id: string; name: string; arguments: string } | null {
  const tools = req.tools ?? [];
  if (!tools.length || req.toolChoice === 'none' || req.messages.at(-1)?.role !== 'user') return null;
  const choice = req.toolChoice;
  const tool = (typeof choice === 'object' && tools.find((t) => t.name === choice.name)) || tools[0];
  // Ids stable for the same conversation, distinct across its turns.
  return { id: `call_mock_${req.messages.length}_0`, name: tool.name, arguments: JSON.stringify(exampleOf(tool.parameters)) };
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
  const inputTokens = req.messages.reduce((n, m) => n + messageWords(m), 0);
  const call = mockToolCall(req);
  if (call) {
    yield* streamToolCall(o, req, call);
    yield { type: 'usage', usage: { inputTokens, outputTokens: Math.max(1, countWords(call.arguments)) }, finishReason: 'tool_calls' };
    return;
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
  const finishReason: FinishReason = truncated ? 'length' : 'stop';
  yield { type: 'usage', usage: { inputTokens, outputTokens: words.length }, finishReason };
}

/** A tool call as vendors stream one: id and name first, then the arguments JSON in pieces (whole when not streaming). */
async function* streamToolCall(o: MockOptions, req: ChatRequest, call: { id: string; name: string; arguments: string }): AsyncGenerator<ChatChunk> {
  if (req.stream === false) {
    yield { type: 'tool_call', index: 0, id: call.id, name: call.name, arguments: call.arguments };
    return;
  }
  yield { type: 'tool_call', index: 0, id: call.id, name: call.name };
  const size = Math.max(1, Math.ceil(call.arguments.length / 3));
  for (let i = 0; i < call.arguments.length; i += size) {
    if (o.latencyMs) await sleep(o.latencyMs, req.signal);
    else if (req.signal.aborted) throw abortedFault(req.signal);
    yield { type: 'tool_call', index: 0, arguments: call.arguments.slice(i, i + size) };
  }
}
