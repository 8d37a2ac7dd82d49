/**
 * The Anthropic-compatible door: `POST /v1/messages` (JSON and the streaming
 * event grammar), `POST /v1/messages/count_tokens` and the models list in
 * Anthropic's shape, with a gateway API key in `x-api-key` (or as a Bearer
 * token). Each route calls the chat core directly.
 */
import { randomUUID } from 'node:crypto';
import type { AppState } from '../../app-state.ts';
import { badInput } from '../../errors.ts';
import { countUsage } from '../../modules/metering/token-count.ts';
import { validateChatInput } from '../../modules/chat/chat-input.ts';
import type { RateLimitStatus } from '../../modules/rate-limits/index.ts';
import type { ModelDescription } from '../../router/index.ts';
import { answerHeaders, codedError, doorCaller, readObjectBody, prepend, sseResponse } from '../door-context.ts';
import { anthropicErrorEvent } from './errors.ts';
import { eventWriter, messageBody } from './messages-response.ts';
import { toMessagesRequest } from './messages-request.ts';

/** Anthropic's clients send the key in x-api-key; Bearer works too (as the OpenAI door takes it). */
export function anthropicAuthorization(request: Request): string | null {
  const key = request.headers.get('x-api-key');
  return key ? `Bearer ${key}` : request.headers.get('authorization');
}

export async function postMessages(app: AppState, request: Request, requestId: string): Promise<Response> {
  const caller = await doorCaller(app, anthropicAuthorization(request), requestId);
  const { input, stream } = toMessagesRequest(await readObjectBody(request));
  if (!stream) {
    const result = await app.chat.run(caller, input, { signal: request.signal, via: 'anthropic' });
    return Response.json(messageBody(result), { headers: answerHeaders(requestId, result.rateLimit) });
  }
  let rateLimit: RateLimitStatus | null = null;
  const events = app.chat.stream(caller, input, { signal: request.signal, via: 'anthropic', onAdmitted: (admitted) => (rateLimit = admitted.rateLimit) });
  // The first event settles admission and the first attempt: a refusal or an outage before any output is an HTTP error.
  const first = await events.next();
  const writer = eventWriter(`msg_${randomUUID().replace(/-/g, '')}`, input.model);
  return sseResponse(
    prepend(first, events),
    (e) => writer.event(e),
    (error) => writer.start() + anthropicErrorEvent(codedError(error), requestId),
    answerHeaders(requestId, rateLimit),
  );
}


/** Counts a request's input tokens (cl100k_base, as the gateway meters prompts it cannot get a vendor's count for); nothing is metered. */
export async function postCountTokens(app: AppState, request: Request, requestId: string): Promise<Response> {
  await doorCaller(app, anthropicAuthorization(request), requestId);
  const { input } = toMessagesRequest(await readObjectBody(request), false);
  validateChatInput(input, (name) => app.providers.modelNames.has(name));
  const counted = await countUsage(input.messages, '');
  const definitions = input.tools?.length ? (await countUsage([{ role: 'system', content: JSON.stringify(input.tools) }], '')).inputTokens : 0;
  return Response.json({ input_tokens: counted.inputTokens + definitions }, { headers: answerHeaders(requestId, null) });
}

const modelObject = (m: ModelDescription) => ({ type: 'model', id: m.name, display_name: m.name, created_at: '1970-01-01T00:00:00Z' });

export async function getModelsAnthropic(app: AppState, request: Request, requestId: string): Promise<Response> {
  await doorCaller(app, anthropicAuthorization(request), requestId);
  const data = app.providers.router.describe().models.map(modelObject);
  return Response.json({ data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }, { headers: answerHeaders(requestId, null) });
}

export async function getModelAnthropic(app: AppState, request: Request, requestId: string, id: string): Promise<Response> {
  await doorCaller(app, anthropicAuthorization(request), requestId);
  const model = app.providers.router.describe().models.find((m) => m.name === id);
  if (!model) throw badInput(`Unknown model "${id.slice(0, 100)}"; GET /v1/models lists the ones you may use`, 'model');
  return Response.json(modelObject(model), { headers: answerHeaders(requestId, null) });
}
