/** Ollama /api/chat: request body and NDJSON/JSON transforms. */
import type { ChatChunk, ChatRequest, TokenUsage } from '../plugin-api.ts';
import { streamError } from '../_shared/errors.ts';
import { bodyError, readJson, type UpstreamClient } from '../_shared/http.ts';
import { parseNdjson } from '../_shared/ndjson.ts';
import type { OllamaOptions } from './api.ts';
import { classifyOllamaError } from './errors.ts';
import { finishReasonOf, OPENAI_FINISH } from '../_shared/finish-reason.ts';

export function chatBody(req: ChatRequest, o: OllamaOptions, stream: boolean): string {
  const options: Record<string, unknown> = {};
  if (req.temperature !== undefined) options.temperature = req.temperature;
  if (req.maxTokens !== undefined) options.num_predict = req.maxTokens;
  if (req.stop?.length) options.stop = req.stop;
  if (o.numCtx) options.num_ctx = o.numCtx;
  const body: Record<string, unknown> = { model: req.model, messages: req.messages, stream, options };
  if (o.keepAlive) body.keep_alive = o.keepAlive;
  return JSON.stringify(body);
}

interface ChatLine {
  message?: { content?: string };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

// Ollama omits prompt_eval_count when the whole prompt came from its KV cache, hence the 0 default.
const usageOf = (l: ChatLine): TokenUsage => ({ inputTokens: l.prompt_eval_count ?? 0, outputTokens: l.eval_count ?? 0 });

export async function* ollamaChat(
  client: UpstreamClient,
  headers: Record<string, string>,
  o: OllamaOptions,
  req: ChatRequest,
): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  const res = await client.send(
    {
      method: 'POST',
      path: '/api/chat',
      headers: { ...headers, 'content-type': 'application/json' },
      body: chatBody(req, o, stream),
      signal: req.signal,
    },
    classifyOllamaError,
  );
  if (!stream) {
    const json = (await readJson(res, req.signal)) as ChatLine;
    if (json.error) throw streamError(`upstream error: ${json.error}`, true);
    if (!json.done) throw streamError('malformed /api/chat answer', false);
    if (json.message?.content) yield { type: 'delta', text: json.message.content };
    yield { type: 'usage', usage: usageOf(json), finishReason: finishReasonOf(json.done_reason, OPENAI_FINISH) };
    return;
  }
  let last: ChatLine | undefined;
  try {
    for await (const value of parseNdjson(res.body)) {
      const line = value as ChatLine;
      if (!line || typeof line !== 'object') throw streamError('malformed stream line', false);
      if (line.error) throw streamError(`upstream error mid-stream: ${line.error}`, true);
      if (line.message?.content) yield { type: 'delta', text: line.message.content };
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
  yield { type: 'usage', usage: usageOf(last), finishReason: finishReasonOf(last.done_reason, OPENAI_FINISH) };
}
