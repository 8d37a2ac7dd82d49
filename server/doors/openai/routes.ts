/**
 * The OpenAI-compatible door: `POST /v1/chat/completions` (JSON and SSE),
 * `GET /v1/models`, `GET /v1/models/{id}` and `POST /v1/embeddings`, with a
 * gateway API key as the Bearer token. Each route calls the chat core directly.
 */
import { randomUUID } from 'node:crypto';
import type { AppState } from '../../app-state.ts';
import { badInput } from '../../errors.ts';
import type { RateLimitStatus } from '../../modules/rate-limits/index.ts';
import type { ModelDescription } from '../../router/index.ts';
import { answerHeaders, codedError, doorCaller, field, readObjectBody, prepend, sseResponse } from '../door-context.ts';
import { toChatRequest } from './chat-request.ts';
import { chunkWriter, completionBody } from './chat-response.ts';
import { openaiErrorFrame } from './errors.ts';

export async function postChatCompletions(app: AppState, request: Request, requestId: string): Promise<Response> {
  const caller = await doorCaller(app, request.headers.get('authorization'), requestId);
  const { input, stream, includeUsage } = toChatRequest(await readObjectBody(request));
  if (!stream) {
    const result = await app.chat.run(caller, input, { signal: request.signal, via: 'openai' });
    return Response.json(completionBody(result, Math.floor(Date.now() / 1000)), { headers: answerHeaders(requestId, result.rateLimit) });
  }
  let rateLimit: RateLimitStatus | null = null;
  const events = app.chat.stream(caller, input, { signal: request.signal, via: 'openai', onAdmitted: (admitted) => (rateLimit = admitted.rateLimit) });
  // The first event settles admission and the first attempt: a refusal or an outage before any output is an HTTP error.
  const first = await events.next();
  const writer = chunkWriter(`chatcmpl-${randomUUID()}`, input.model, includeUsage);
  return sseResponse(
    prepend(first, events),
    (e) => writer.event(e),
    (error) => writer.start() + openaiErrorFrame(codedError(error)),
    answerHeaders(requestId, rateLimit),
  );
}


const modelObject = (m: ModelDescription) => ({
  id: m.name,
  object: 'model',
  created: 0,
  owned_by: 'zero-gateway',
  capabilities: { vision: m.capabilities.vision, tools: m.capabilities.tools, json: m.capabilities.json, embeddings: m.capabilities.embeddings },
  context_window: m.capabilities.contextWindow,
  max_output_tokens: m.capabilities.maxOutputTokens,
});

export async function getModels(app: AppState, request: Request, requestId: string): Promise<Response> {
  await doorCaller(app, request.headers.get('authorization'), requestId);
  return Response.json({ object: 'list', data: app.providers.router.describe().models.map(modelObject) }, { headers: answerHeaders(requestId, null) });
}

export async function getModel(app: AppState, request: Request, requestId: string, id: string): Promise<Response> {
  await doorCaller(app, request.headers.get('authorization'), requestId);
  const model = app.providers.router.describe().models.find((m) => m.name === id);
  if (!model) throw badInput(`Unknown model "${id.slice(0, 100)}"; GET /v1/models lists the ones you may use`, 'model');
  return Response.json(modelObject(model), { headers: answerHeaders(requestId, null) });
}

export async function postEmbeddings(app: AppState, request: Request, requestId: string): Promise<Response> {
  const caller = await doorCaller(app, request.headers.get('authorization'), requestId);
  const body = await readObjectBody(request);
  const model = field.string(body, 'model', true)!;
  const raw = body.input;
  const input = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((t) => typeof t === 'string') ? (raw as string[]) : null;
  // Token-id arrays name no text DLP could screen or the audit could hash as the client meant it.
  if (!input) throw badInput('input must be a string or a list of strings', 'input');
  const format = field.string(body, 'encoding_format') ?? 'float';
  if (format !== 'float' && format !== 'base64') throw badInput('encoding_format must be float or base64', 'encoding_format');
  const result = await app.embeddings.embed(caller, { model, input, dimensions: field.number(body, 'dimensions') ?? null, endUser: field.string(body, 'user') ?? null }, { signal: request.signal, via: 'openai' });
  return Response.json(
    {
      object: 'list',
      data: result.embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding: format === 'base64' ? Buffer.from(new Float32Array(embedding).buffer).toString('base64') : embedding })),
      model,
      usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
    },
    { headers: answerHeaders(requestId, result.rateLimit) },
  );
}

