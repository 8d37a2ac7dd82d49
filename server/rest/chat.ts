import { badInput } from '../errors.ts';
import { callGraphQL, type GraphQLFetch } from './graphql-call.ts';
import { readJsonBody } from './rest-context.ts';

/**
 * POST /api/v1/chat with {model, messages: [{role, content}], max_tokens?, temperature?, stop?}:
 * Mutation.chat in the seed's snake_case shape.
 */
export async function postChat(gql: GraphQLFetch, request: Request): Promise<Response> {
  const body = (await readJsonBody(request)) as any;
  if (typeof body?.model !== 'string' || !Array.isArray(body.messages)) throw badInput('Body needs model and messages', 'messages');
  const messages = body.messages.map((m: any, i: number) => {
    if (typeof m?.content !== 'string' || !['system', 'user', 'assistant'].includes(m?.role)) throw badInput(`messages[${i}] needs role (system, user or assistant) and content`, 'messages');
    return { role: m.role.toUpperCase(), content: m.content };
  });
  const data = await callGraphQL<{ chat: any }>(
    gql,
    request,
    `mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } provider model requestedModel attempts { provider model error code status latencyMs } latencyMs finishReason requestId auditId } }`,
    { i: { model: body.model, messages, maxTokens: body.max_tokens ?? null, temperature: body.temperature ?? null, stop: body.stop ?? null } },
  );
  const c = data.chat;
  return Response.json({
    text: c.text,
    usage: { input_tokens: c.usage.inputTokens, output_tokens: c.usage.outputTokens },
    provider: c.provider,
    model: c.model,
    requested_model: c.requestedModel,
    attempts: c.attempts.map((a: any) => ({ provider: a.provider, model: a.model, error: a.error, code: a.code, status: a.status, latency_ms: a.latencyMs })),
    latency_ms: c.latencyMs,
    finish_reason: c.finishReason,
    request_id: c.requestId,
    audit_id: c.auditId,
  });
}
