import type { AppState } from '../app-state.ts';
import { badInput } from '../errors.ts';
import type { ChatInput } from '../modules/chat/chat-input.ts';
import { rateLimitHeaders } from '../modules/rate-limits/index.ts';
import { authenticate, readJsonBody } from './rest-context.ts';

const ROLES = ['system', 'user', 'assistant'] as const;

/**
 * POST /api/v1/chat with {model, messages: [{role, content}], max_tokens?, temperature?, stop?}:
 * the chat core called directly (same auth, limits, DLP, metering and audit as GraphQL),
 * answered in the seed's snake_case shape.
 */
export async function postChat(app: AppState, request: Request, requestId: string): Promise<Response> {
  const viewer = await authenticate(app, request, 'chat');
  const input = toChatInput(await readJsonBody(request));
  // The EntityManager is forked on first use: an admitted chat never needs one.
  let em: ReturnType<typeof app.orm.em.fork> | undefined;
  const ctx = { viewer, app, requestId, get em() { return (em ??= app.orm.em.fork()); } };
  const c = await app.chat.run(ctx, input, { signal: request.signal, via: 'rest' });
  return Response.json({
    text: c.text,
    usage: { input_tokens: c.usage.inputTokens, output_tokens: c.usage.outputTokens },
    provider: c.provider,
    model: c.model,
    requested_model: c.requestedModel,
    attempts: c.attempts.map((a) => ({ provider: a.provider, model: a.model, error: a.error ?? null, code: a.code ?? null, status: a.status ?? null, latency_ms: Math.round(a.latencyMs) })),
    latency_ms: Math.round(c.latencyMs),
    finish_reason: c.finishReason,
    request_id: c.requestId,
    chat_id: c.chatId,
    audit_id: c.auditId,
  }, { headers: rateLimitHeaders(c.rateLimit ?? undefined) });
}

/** The seed's body as a ChatInput, with a BAD_USER_INPUT naming the field that is wrong. */
function toChatInput(body: unknown): ChatInput {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.model !== 'string' || !Array.isArray(b.messages)) throw badInput('Body needs model and messages', 'messages');
  const messages = b.messages.map((m: unknown, i: number) => {
    const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
    if (typeof content !== 'string' || !ROLES.includes(role as (typeof ROLES)[number])) {
      throw badInput(`messages[${i}] needs role (system, user or assistant) and content`, 'messages');
    }
    return { role: role as (typeof ROLES)[number], content };
  });
  const optionalNumber = (name: string, value: unknown) => {
    if (value == null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(`${name} must be a number`, name);
    return value;
  };
  if (b.stop != null && (!Array.isArray(b.stop) || b.stop.some((s) => typeof s !== 'string'))) throw badInput('stop must be a list of strings', 'stop');
  return {
    model: b.model,
    messages,
    maxTokens: optionalNumber('max_tokens', b.max_tokens),
    temperature: optionalNumber('temperature', b.temperature),
    stop: (b.stop as string[] | undefined) ?? null,
  };
}
