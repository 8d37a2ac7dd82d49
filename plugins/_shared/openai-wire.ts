/**
 * OpenAI Chat Completions wire format, shared by the OpenAI-style plugins
 * (openai, openrouter, openai-compatible). Not a provider itself.
 */
import type { ChatChunk, ChatRequest, ModelInfo, TokenUsage } from '../plugin-api.ts';
import { errorForStatus, header, parseJsonSafe, parseRetryAfter, snippet, streamError, type HeaderValue } from './errors.ts';
import { bodyError, readJson, type HttpErrorClassifier, type UpstreamClient } from './http.ts';
import { parseSse } from './sse.ts';
import { countUsage } from './tokens.ts';
import { finishReasonOf, OPENAI_FINISH } from './finish-reason.ts';

/** How one OpenAI-style vendor differs from the others. */
export interface OpenAIWireConfig {
  client: UpstreamClient;
  /** Static per-instance headers (auth, attribution). */
  headers: Record<string, string>;
  classify: HttpErrorClassifier;
  /** OpenAI renamed `max_tokens`; most compatible servers still only know the old name. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Send `stream_options.include_usage`; some older servers reject unknown fields. */
  includeUsage: boolean;
  /** Count with js-tiktoken when the upstream sends no usage. */
  countMissingUsage: boolean;
}

/** Builds the JSON body of POST /chat/completions. */
export function chatBody(req: ChatRequest, cfg: OpenAIWireConfig, stream: boolean): string {
  const body: Record<string, unknown> = { model: req.model, messages: req.messages, stream };
  if (stream && cfg.includeUsage) body.stream_options = { include_usage: true };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.maxTokens !== undefined) body[cfg.maxTokensField] = req.maxTokens;
  if (req.stop?.length) body.stop = req.stop;
  return JSON.stringify(body);
}

interface CompletionChunk {
  choices?: { delta?: { content?: string | null }; message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { code?: number | string; message?: string };
}

function usageOf(u: CompletionChunk['usage']): TokenUsage | undefined {
  if (!u || typeof u.prompt_tokens !== 'number') return undefined;
  return { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens ?? 0 };
}

/** Streams one chat: deltas, then a usage chunk (reported, or counted when allowed). */
export async function* openAIChat(cfg: OpenAIWireConfig, req: ChatRequest): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  const res = await cfg.client.send(
    {
      method: 'POST',
      path: '/chat/completions',
      headers: { ...cfg.headers, 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
      body: chatBody(req, cfg, stream),
      signal: req.signal,
    },
    cfg.classify,
  );
  let text = '';
  let usage: TokenUsage | undefined;
  let finishReason: string | undefined;
  if (!stream) {
    const json = (await readJson(res, req.signal)) as CompletionChunk;
    const choice = json.choices?.[0];
    if (!choice) throw streamError('upstream answer has no choices', false);
    text = choice.message?.content ?? '';
    usage = usageOf(json.usage);
    finishReason = choice.finish_reason ?? undefined;
    if (text) yield { type: 'delta', text };
  } else {
    let done = false;
    try {
      for await (const ev of parseSse(res.body)) {
        if (ev.data === '[DONE]') {
          done = true;
          break;
        }
        const chunk = parseJsonSafe(ev.data) as CompletionChunk | undefined;
        if (!chunk || typeof chunk !== 'object') throw streamError(`malformed stream data: ${snippet(ev.data)}`, false);
        // OpenRouter reports an upstream failure after the 200 as an error chunk.
        if (chunk.error) throw midStreamError(chunk.error);
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          yield { type: 'delta', text: delta };
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        usage = usageOf(chunk.usage) ?? usage;
      }
    } catch (err) {
      throw bodyError(err, req.signal);
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
    if (!done) throw streamError('upstream stream ended without [DONE]', true);
  }
  if (!usage) {
    if (!cfg.countMissingUsage) throw streamError('upstream sent no usage', false);
    usage = await countUsage(req.messages, text);
  }
  yield { type: 'usage', usage, finishReason: finishReasonOf(finishReason, OPENAI_FINISH) };
}

function midStreamError(e: NonNullable<CompletionChunk['error']>) {
  const status = typeof e.code === 'number' ? e.code : undefined;
  const message = e.message ?? 'upstream error';
  return status ? errorForStatus(status, message) : streamError(`upstream error mid-stream: ${message}`, true);
}

/** GET /models in OpenAI's `{ data: [{ id }] }` shape. */
export async function listOpenAIModels(cfg: OpenAIWireConfig, signal?: AbortSignal): Promise<ModelInfo[]> {
  const res = await cfg.client.send({ method: 'GET', path: '/models', headers: cfg.headers, signal }, cfg.classify);
  const json = (await readJson(res, signal)) as { data?: { id?: unknown }[] };
  if (!Array.isArray(json.data)) throw streamError('models list has no data array', false);
  return json.data.filter((m) => typeof m.id === 'string').map((m) => ({ id: m.id as string }));
}

/** The message of an OpenAI-style error body: `{error:{message}}`, `{error:"..."}` or vLLM's `{message}`. */
export function openAIErrorMessage(body: string): string {
  const json = parseJsonSafe(body) as { error?: { message?: string } | string; message?: string } | undefined;
  if (typeof json?.error === 'string') return json.error;
  return json?.error?.message ?? json?.message ?? snippet(body);
}

/** Classification shared by OpenAI-style vendors; `extraRetryHint` adds vendor headers. */
export function classifyOpenAIStyle(
  status: number,
  headers: Record<string, HeaderValue>,
  body: string,
  extraRetryHint?: (headers: Record<string, HeaderValue>) => number | undefined,
) {
  const retryAfterMs = parseRetryAfter(header(headers, 'retry-after')) ?? extraRetryHint?.(headers);
  return errorForStatus(status, openAIErrorMessage(body), retryAfterMs);
}
