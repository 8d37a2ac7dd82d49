/** Gemini generateContent / streamGenerateContent?alt=sse transforms. */
import { ProviderError, type ChatChunk, type ChatRequest, type TokenUsage } from '../plugin-api.ts';
import { parseJsonSafe, snippet, streamError } from '../_shared/errors.ts';
import { bodyError, readJson, type UpstreamClient } from '../_shared/http.ts';
import { parseSse } from '../_shared/sse.ts';
import { modelPath } from './api.ts';
import { classifyGeminiError, geminiStreamError } from './errors.ts';
import { finishReasonOf } from '../_shared/finish-reason.ts';
import type { FinishReason } from '../plugin-api.ts';

const GEMINI_FINISH: Record<string, FinishReason> = { STOP: 'stop', MAX_TOKENS: 'length', SAFETY: 'content_filter', RECITATION: 'content_filter', BLOCKLIST: 'content_filter', PROHIBITED_CONTENT: 'content_filter', SPII: 'content_filter', IMAGE_SAFETY: 'content_filter', MALFORMED_FUNCTION_CALL: 'stop' };

export function generateBody(req: ChatRequest): string {
  const system = req.messages.filter((m) => m.role === 'system').map((m) => ({ text: m.content }));
  const body: Record<string, unknown> = {
    contents: req.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
  };
  if (system.length) body.systemInstruction = { parts: system };
  const gen: Record<string, unknown> = {};
  if (req.temperature !== undefined) gen.temperature = req.temperature;
  if (req.maxTokens !== undefined) gen.maxOutputTokens = req.maxTokens;
  if (req.stop?.length) gen.stopSequences = req.stop;
  if (Object.keys(gen).length) body.generationConfig = gen;
  return JSON.stringify(body);
}

interface GenerateResponse {
  candidates?: { content?: { parts?: { text?: string; thought?: boolean }[] }; finishReason?: string }[];
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number };
  promptFeedback?: { blockReason?: string };
  error?: { code?: number; message?: string };
}

function textOf(r: GenerateResponse): string {
  let text = '';
  for (const p of r.candidates?.[0]?.content?.parts ?? []) if (p.text && !p.thought) text += p.text;
  return text;
}

// Thinking tokens are billed as output, so they count as output here.
function usageOf(r: GenerateResponse): TokenUsage | undefined {
  const u = r.usageMetadata;
  if (!u || u.promptTokenCount === undefined) return undefined;
  return { inputTokens: u.promptTokenCount, outputTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0) };
}

function blocked(r: GenerateResponse): ProviderError | undefined {
  const reason = r.promptFeedback?.blockReason;
  return reason ? new ProviderError(`prompt blocked by upstream: ${reason}`, { kind: 'bad_request', retryable: false }) : undefined;
}

export async function* geminiChat(client: UpstreamClient, headers: Record<string, string>, req: ChatRequest): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  const res = await client.send(
    {
      method: 'POST',
      path: modelPath(req.model, stream ? 'streamGenerateContent' : 'generateContent'),
      headers: { ...headers, 'content-type': 'application/json' },
      body: generateBody(req),
      signal: req.signal,
    },
    classifyGeminiError,
  );
  if (!stream) {
    const json = (await readJson(res, req.signal)) as GenerateResponse;
    const blockedErr = blocked(json);
    if (blockedErr) throw blockedErr;
    const usage = usageOf(json);
    if (!usage) throw streamError('generateContent answer has no usageMetadata', false);
    const text = textOf(json);
    if (text) yield { type: 'delta', text };
    yield { type: 'usage', usage, finishReason: finishReasonOf(json.candidates?.[0]?.finishReason, GEMINI_FINISH) };
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
      const text = textOf(chunk);
      if (text) yield { type: 'delta', text };
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
  yield { type: 'usage', usage, finishReason: finishReasonOf(finishReason, GEMINI_FINISH) };
}
