/** Ollama /api/chat: the call and its NDJSON/JSON transforms (text, whole tool calls, usage). */
import { randomBytes } from 'node:crypto';
import type { ChatChunk, ChatRequest, FinishReason, TokenUsage } from '../plugin-api.ts';
import { streamError } from '../_shared/errors.ts';
import { finishReasonOf, OPENAI_FINISH } from '../_shared/finish-reason.ts';
import { bodyError, readJson, type UpstreamClient } from '../_shared/http.ts';
import { parseNdjson } from '../_shared/ndjson.ts';
import type { OllamaOptions } from './api.ts';
import { classifyOllamaError } from './errors.ts';
import { chatBody } from './request.ts';

interface ChatLine {
  message?: { content?: string; tool_calls?: { id?: string; function?: { name?: string; arguments?: unknown } }[] };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

// Ollama omits prompt_eval_count when the whole prompt came from its KV cache, hence the 0 default.
const usageOf = (l: ChatLine): TokenUsage => ({ inputTokens: l.prompt_eval_count ?? 0, outputTokens: l.eval_count ?? 0 });

/** Servers before tool-call ids send none; the caller needs one to answer each call. */
const callId = () => `call_${randomBytes(12).toString('hex')}`;

/** A line's text and whole tool calls as chunks. */
function* chunksOf(l: ChatLine, calls: { count: number }): Generator<ChatChunk> {
  if (l.message?.content) yield { type: 'delta', text: l.message.content };
  for (const c of l.message?.tool_calls ?? []) {
    const args = c.function?.arguments;
    yield { type: 'tool_call', index: calls.count++, id: c.id || callId(), name: c.function?.name ?? '', arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) };
  }
}

/** Ollama ends a turn that calls tools with `stop`; the caller is told it stopped for tool calls. */
const finishOf = (raw: string | undefined, calls: number): FinishReason | undefined =>
  calls > 0 && (raw === 'stop' || raw === undefined) ? 'tool_calls' : finishReasonOf(raw, OPENAI_FINISH);

export async function* ollamaChat(
  client: UpstreamClient,
  headers: Record<string, string>,
  o: OllamaOptions,
  req: ChatRequest,
): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  const body = JSON.stringify(chatBody(req, o, stream));
  const res = await client.send(
    {
      method: 'POST',
      path: '/api/chat',
      headers: { ...headers, ...req.traceHeaders, 'content-type': 'application/json' },
      body,
      signal: req.signal,
    },
    classifyOllamaError,
  );
  const calls = { count: 0 };
  if (!stream) {
    const json = (await readJson(res, req.signal)) as ChatLine;
    if (json.error) throw streamError(`upstream error: ${json.error}`, true);
    if (!json.done) throw streamError('malformed /api/chat answer', false);
    yield* chunksOf(json, calls);
    yield { type: 'usage', usage: usageOf(json), finishReason: finishOf(json.done_reason, calls.count) };
    return;
  }
  let last: ChatLine | undefined;
  try {
    for await (const value of parseNdjson(res.body)) {
      const line = value as ChatLine;
      if (!line || typeof line !== 'object') throw streamError('malformed stream line', false);
      if (line.error) throw streamError(`upstream error mid-stream: ${line.error}`, true);
      yield* chunksOf(line, calls);
      if (line.done) {
        last = line;
        break;
      }
    }
  } catch (err) {
    throw bodyError(err, req.signal);
  } finally {
    if (!res.body.destroyed) res.body.destroy();
  }
  if (!last) throw streamError('upstream stream ended without done:true', true);
  yield { type: 'usage', usage: usageOf(last), finishReason: finishOf(last.done_reason, calls.count) };
}
