import { builder } from '../../builder.ts';
import type { Attempt } from '../../router/index.ts';
import type { TokenUsage, ToolCall } from '../../../plugins/plugin-api.ts';
import { ChatInputType, toChatInput } from './chat-input.graphql.ts';
import type { ChatEvent, ChatResult } from './chat.types.ts';
import { signedIn } from '../service-context.ts';

const TokenUsageType = builder.objectRef<TokenUsage>('TokenUsage').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    cachedInputTokens: t.int({ description: "Input tokens served from the vendor's prompt cache (included in inputTokens); 0 where none was reported", resolve: (u) => u.cachedInputTokens ?? 0 }),
  }),
});

const ToolCallType = builder.objectRef<ToolCall>('ToolCall').implement({
  description: 'A tool the model called',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    id: t.exposeString('id'),
    name: t.exposeString('name'),
    arguments: t.exposeString('arguments', { description: 'The JSON text of the arguments, as the model produced it' }),
  }),
});

export const AttemptType = builder.objectRef<Attempt>('ChatAttempt').implement({
  description: 'One try against one provider instance',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    provider: t.exposeString('provider'),
    model: t.exposeString('model'),
    error: t.string({ nullable: true, resolve: (a) => a.error ?? null }),
    code: t.string({ nullable: true, description: 'network, timeout, rate_limited, server, auth, bad_request, stream, circuit_open, unavailable, overloaded', resolve: (a) => a.code ?? null }),
    status: t.int({ nullable: true, resolve: (a) => a.status ?? null }),
    latencyMs: t.int({ resolve: (a) => Math.round(a.latencyMs) }),
  }),
});

const ChatResultType = builder.objectRef<ChatResult>('ChatResult').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({
    text: t.exposeString('text'),
    toolCalls: t.field({ type: [ToolCallType], resolve: (r) => r.toolCalls }),
    usage: t.field({ type: TokenUsageType, resolve: (r) => r.usage }),
    provider: t.exposeString('provider', { description: 'Provider instance that answered' }),
    model: t.exposeString('model', { description: "The provider's model id that answered" }),
    requestedModel: t.exposeString('requestedModel'),
    attempts: t.field({ type: [AttemptType], resolve: (r) => r.attempts }),
    latencyMs: t.int({ resolve: (r) => Math.round(r.latencyMs) }),
    finishReason: t.exposeString('finishReason', { nullable: true, description: 'stop, length, tool_calls or content_filter' }),
    requestId: t.exposeString('requestId'),
    chatId: t.id({ description: "The chat's id in the gateway's ledger", resolve: (r) => r.chatId }),
    auditId: t.id({
      nullable: true,
      description: 'The audit record of this chat; null when the database was unreachable and the record waits in the local spool (written when it returns)',
      resolve: (r) => r.auditId,
    }),
  }),
});

const ChatDelta = builder.objectRef<Extract<ChatEvent, { type: 'delta' }>>('ChatDelta').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({ text: t.exposeString('text') }),
});

const ChatToolCallDelta = builder.objectRef<Extract<ChatEvent, { type: 'tool_call' }>>('ChatToolCallDelta').implement({
  description: 'A piece of a tool call: the first piece of an index carries id and name, later ones pieces of the arguments JSON',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    index: t.exposeInt('index'),
    id: t.string({ nullable: true, resolve: (d) => d.id ?? null }),
    name: t.string({ nullable: true, resolve: (d) => d.name ?? null }),
    arguments: t.string({ nullable: true, resolve: (d) => d.arguments ?? null }),
  }),
});

const ChatCompleted = builder.objectRef<Extract<ChatEvent, { type: 'done' }>>('ChatCompleted').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({ result: t.field({ type: ChatResultType, resolve: (e) => e.result }) }),
});

const ChatEventType = builder.unionType('ChatEvent', {
  description: 'Text deltas and tool-call pieces in order, then one ChatCompleted',
  types: [ChatDelta, ChatToolCallDelta, ChatCompleted],
  resolveType: (event) => (event.type === 'delta' ? ChatDelta : event.type === 'tool_call' ? ChatToolCallDelta : ChatCompleted),
});


builder.mutationField('chat', (t) =>
  t.field({
    type: ChatResultType,
    description: 'Runs a chat and returns the whole answer at once',
    authScopes: { permission: 'chat' },
    args: { input: t.arg({ type: ChatInputType, required: true }) },
    resolve: (_root, args, ctx) => ctx.app.chat.run(signedIn(ctx), toChatInput(args.input), { signal: ctx.signal, via: 'mutation' }),
  }),
);

builder.subscriptionField('chat', (t) =>
  t.field({
    type: ChatEventType,
    description: 'Streams a chat: text deltas, then the final result (over SSE or graphql-ws)',
    authScopes: { permission: 'chat' },
    args: { input: t.arg({ type: ChatInputType, required: true }) },
    subscribe: (_root, args, ctx) => ctx.app.chat.stream(signedIn(ctx), toChatInput(args.input), { signal: ctx.signal, via: 'subscription' }),
    resolve: (event) => event,
  }),
);
