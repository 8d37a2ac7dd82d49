/**
 * OpenAI Chat Completions wire format, shared by the OpenAI-style plugins
 * (openai, openrouter, openai-compatible). Not a provider itself.
 */
import type { ChatChunk, ChatRequest, ModelInfo, TokenUsage } from '../plugin-api.ts';
import { openAIChatBody, type OpenAIRequestSettings } from './openai-request.ts';
import { errorForStatus, header, parseJsonSafe, parseRetryAfter, snippet, streamError, type HeaderValue } from './errors.ts';
import { bodyError, readJson, type HttpErrorClassifier, type UpstreamClient } from './http.ts';
import { vendorEvents } from './sse.ts';
import { countUsage } from './tokens.ts';
import { finishReasonOf, OPENAI_FINISH } from './finish-reason.ts';

/** How one OpenAI-style vendor differs from the others. */
export interface OpenAIWireConfig extends OpenAIRequestSettings {
  client: UpstreamClient;
  /** Static per-instance headers (auth, attribution). */
  headers: Record<string, string>;
  classify: HttpErrorClassifier;
  /** Count with js-tiktoken when the upstream sends no usage. */
  countMissingUsage: boolean;
}

interface WireToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface CompletionChunk {
  choices?: {
    delta?: { content?: string | null; refusal?: string | null; tool_calls?: WireToolCall[] };
    message?: { content?: string | null; refusal?: string | null; tool_calls?: WireToolCall[] };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null } | null;
  error?: { code?: number | string; message?: string };
}

function usageOf(u: CompletionChunk['usage']): TokenUsage | undefined {
  if (!u || typeof u.prompt_tokens !== 'number') return undefined;
  const usage: TokenUsage = { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens ?? 0 };
  const cached = u.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') usage.cachedInputTokens = cached;
  return usage;
}

/** One streamed tool-call delta as a chunk: only the fields this piece carries. */
function toolCallChunk(c: WireToolCall, fallbackIndex: number): ChatChunk {
  const chunk: Extract<ChatChunk, { type: 'tool_call' }> = { type: 'tool_call', index: c.index ?? fallbackIndex };
  if (c.id) chunk.id = c.id;
  if (c.function?.name) chunk.name = c.function.name;
  if (c.function?.arguments) chunk.arguments = c.function.arguments;
  return chunk;
}

/** Streams one chat: text and tool-call deltas, then a usage chunk (reported, or counted when allowed). */
export async function* openAIChat(cfg: OpenAIWireConfig, req: ChatRequest): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  // Translate first: a refusal is thrown before anything goes upstream.
  const body = JSON.stringify(openAIChatBody(req, cfg, stream));
  const res = await cfg.client.send(
    {
      method: 'POST',
      path: '/chat/completions',
      headers: { ...cfg.headers, ...req.traceHeaders, 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
      body,
      signal: req.signal,
    },
    cfg.classify,
  );
  // What was answered, for counting when the upstream reports no usage.
  let answered = '';
  let usage: TokenUsage | undefined;
  let finishReason: string | undefined;
  let refused = false;
  if (!stream) {
    const json = (await readJson(res, req.signal)) as CompletionChunk;
    const choice = json.choices?.[0];
    if (!choice) throw streamError('upstream answer has no choices', false);
    const text = (choice.message?.content ?? '') + (choice.message?.refusal ?? '');
    refused = Boolean(choice.message?.refusal);
    usage = usageOf(json.usage);
    finishReason = choice.finish_reason ?? undefined;
    answered = text;
    if (text) yield { type: 'delta', text };
    for (const [i, c] of (choice.message?.tool_calls ?? []).entries()) {
      answered += (c.function?.name ?? '') + (c.function?.arguments ?? '');
      yield toolCallChunk({ ...c, index: i }, i);
    }
  } else {
    let done = false;
    try {
      for await (const ev of vendorEvents(res.body, (e) => e.data === '[DONE]')) {
        if (ev.data === '[DONE]') {
          done = true;
          continue;
        }
        const chunk = parseJsonSafe(ev.data) as CompletionChunk | undefined;
        if (!chunk || typeof chunk !== 'object') throw streamError(`malformed stream data: ${snippet(ev.data)}`, false);
        // OpenRouter reports an upstream failure after the 200 as an error chunk.
        if (chunk.error) throw midStreamError(chunk.error);
        const choice = chunk.choices?.[0];
        // A structured-output refusal arrives in its own field; the caller still sees it as text.
        const delta = (choice?.delta?.content ?? '') + (choice?.delta?.refusal ?? '');
        if (choice?.delta?.refusal) refused = true;
        if (delta) {
          answered += delta;
          yield { type: 'delta', text: delta };
        }
        for (const c of choice?.delta?.tool_calls ?? []) {
          answered += (c.function?.name ?? '') + (c.function?.arguments ?? '');
          yield toolCallChunk(c, 0);
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
    usage = await countUsage(req.messages, answered);
  }
  const reason = refused && finishReason === 'stop' ? 'content_filter' : finishReason;
  yield { type: 'usage', usage, finishReason: finishReasonOf(reason, OPENAI_FINISH) };
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

