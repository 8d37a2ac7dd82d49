/** Gemini generateContent / streamGenerateContent?alt=sse: the call and its transforms (text, function calls, usage). */
import { randomBytes } from 'node:crypto';
import { ProviderError, type ChatChunk, type ChatRequest, type FinishReason, type TokenUsage } from '../plugin-api.ts';
import { parseJsonSafe, snippet, streamError } from '../_shared/errors.ts';
import { finishReasonOf } from '../_shared/finish-reason.ts';
import { bodyError, readJson, type UpstreamClient } from '../_shared/http.ts';
import { parseSse } from '../_shared/sse.ts';
import { modelPath } from './api.ts';
import { classifyGeminiError, geminiStreamError } from './errors.ts';
import { generateBody, type ThoughtSignatures } from './request.ts';

const GEMINI_FINISH: Record<string, FinishReason> = { STOP: 'stop', MAX_TOKENS: 'length', SAFETY: 'content_filter', RECITATION: 'content_filter', BLOCKLIST: 'content_filter', PROHIBITED_CONTENT: 'content_filter', SPII: 'content_filter', IMAGE_SAFETY: 'content_filter', MALFORMED_FUNCTION_CALL: 'stop' };

interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { name?: string; args?: Record<string, unknown>; id?: string };
}

interface GenerateResponse {
  candidates?: { content?: { parts?: GeminiPart[] }; finishReason?: string }[];
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number; cachedContentTokenCount?: number };
  promptFeedback?: { blockReason?: string };
  error?: { code?: number; message?: string };
}

// Thinking tokens are billed as output, so they count as output here; cached prompt tokens are part of the prompt count.
function usageOf(r: GenerateResponse): TokenUsage | undefined {
  const u = r.usageMetadata;
  if (!u || u.promptTokenCount === undefined) return undefined;
  const usage: TokenUsage = { inputTokens: u.promptTokenCount, outputTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0) };
  if (typeof u.cachedContentTokenCount === 'number') usage.cachedInputTokens = u.cachedContentTokenCount;
  return usage;
}

function blocked(r: GenerateResponse): ProviderError | undefined {
  const reason = r.promptFeedback?.blockReason;
  return reason ? new ProviderError(`prompt blocked by upstream: ${reason}`, { kind: 'bad_request', retryable: false }) : undefined;
}

/** Gemini API calls come without ids: the caller needs one to answer each, so the plugin makes it. */
const callId = () => `call_${randomBytes(12).toString('hex')}`;

/**
 * Turns one response's parts into chunks: text (thoughts left out) and whole
 * function calls, each with its id; remembers the thought signature Gemini 3
 * models attach so the call can be replayed later.
 */
function* chunksOf(r: GenerateResponse, calls: { count: number }, signatures: ThoughtSignatures): Generator<ChatChunk> {
  for (const p of r.candidates?.[0]?.content?.parts ?? []) {
    if (p.text && !p.thought) yield { type: 'delta', text: p.text };
    if (!p.functionCall) continue;
    const id = p.functionCall.id || callId();
    if (p.thoughtSignature) signatures.set(id, p.thoughtSignature);
    yield { type: 'tool_call', index: calls.count++, id, name: p.functionCall.name ?? '', arguments: JSON.stringify(p.functionCall.args ?? {}) };
  }
}

/** Gemini ends a turn that calls functions with STOP; the caller is told it stopped for tool calls. */
const finishOf = (raw: string | undefined, calls: number): FinishReason | undefined =>
  calls > 0 && raw === 'STOP' ? 'tool_calls' : finishReasonOf(raw, GEMINI_FINISH);

export async function* geminiChat(client: UpstreamClient, headers: Record<string, string>, signatures: ThoughtSignatures, req: ChatRequest): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  const body = JSON.stringify(generateBody(req, signatures));
  const res = await client.send(
    {
      method: 'POST',
      path: modelPath(req.model, stream ? 'streamGenerateContent' : 'generateContent'),
      headers: { ...headers, ...req.traceHeaders, 'content-type': 'application/json' },
      body,
      signal: req.signal,
    },
    classifyGeminiError,
  );
  const calls = { count: 0 };
  if (!stream) {
    const json = (await readJson(res, req.signal)) as GenerateResponse;
    const blockedErr = blocked(json);
    if (blockedErr) throw blockedErr;
    const usage = usageOf(json);
    if (!usage) throw streamError('generateContent answer has no usageMetadata', false);
    // One text delta for the whole answer, then the calls.
    const chunks = [...chunksOf(json, calls, signatures)];
    const text = chunks.map((c) => (c.type === 'delta' ? c.text : '')).join('');
    if (text) yield { type: 'delta', text };
    yield* chunks.filter((c) => c.type === 'tool_call');
    yield { type: 'usage', usage, finishReason: finishOf(json.candidates?.[0]?.finishReason, calls.count) };
    return;
  }
  let usage: TokenUsage | undefined;
  let finishReason: string | undefined;
  try {
    for await (const ev of parseSse(res.body)) {
      const chunk = parseJsonSafe(ev.data) as GenerateResponse | undefined;
      if (!chunk || typeof chunk !== 'object') throw streamError(`malformed stream data: ${snippet(ev.data)}`, false);
      if (chunk.error) throw geminiStreamError(chunk);
      const blockedErr = blocked(chunk);
      if (blockedErr) throw blockedErr;
      yield* chunksOf(chunk, calls, signatures);
      usage = usageOf(chunk) ?? usage;
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    }
  } catch (err) {
    throw bodyError(err, req.signal);
  } finally {
    if (!res.body.destroyed) res.body.destroy();
  }
  // Gemini's SSE has no [DONE]; the chunk carrying finishReason is the terminal one.
  if (!finishReason) throw streamError('upstream stream ended without finishReason', true);
  if (!usage) throw streamError('upstream stream had no usageMetadata', false);
  yield { type: 'usage', usage, finishReason: finishOf(finishReason, calls.count) };
}
