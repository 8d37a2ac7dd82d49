/** The GraphQL shape of a chat request (content parts, images, tools, tool choice, response format) and its ChatInput. */
import type { ChatMessage, ContentPart, ResponseFormat, ToolChoice } from '../../../plugins/plugin-api.ts';
import { builder } from '../../builder.ts';
import { badInput } from '../../errors.ts';
import type { ChatInput } from './chat-input.ts';

const ChatRole = builder.enumType('ChatRole', { values: ['SYSTEM', 'USER', 'ASSISTANT', 'TOOL'] as const });

const ChatImageInput = builder.inputType('ChatImageInput', {
  description: 'An image: a URL, or base64 data with its media type (image/png, image/jpeg, image/gif, image/webp)',
  fields: (t) => ({
    url: t.string(),
    data: t.string({ description: 'Base64 bytes; hashed into the prompt hash, never stored' }),
    mediaType: t.string(),
  }),
});

const ChatContentPartInput = builder.inputType('ChatContentPartInput', {
  description: 'One part of a message: text or an image (exactly one)',
  fields: (t) => ({ text: t.string(), image: t.field({ type: ChatImageInput }) }),
});

const ToolCallInput = builder.inputType('ToolCallInput', {
  fields: (t) => ({
    id: t.string({ required: true }),
    name: t.string({ required: true }),
    arguments: t.string({ required: true, description: 'The JSON text of the arguments, as the model produced it' }),
  }),
});

const ChatMessageInput = builder.inputType('ChatMessageInput', {
  fields: (t) => ({
    role: t.field({ type: ChatRole, required: true }),
    content: t.string({ description: 'Plain text; or send parts' }),
    parts: t.field({ type: [ChatContentPartInput], description: 'Text and images (images in user messages only)' }),
    toolCalls: t.field({ type: [ToolCallInput], description: 'ASSISTANT messages: the tools it called' }),
    toolCallId: t.string({ description: 'TOOL messages: the id of the call this is the result of' }),
  }),
});

const ToolInput = builder.inputType('ToolInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    parameters: t.field({ type: 'JSON', required: true, description: 'A JSON Schema object' }),
    strict: t.boolean(),
  }),
});

const ToolChoiceMode = builder.enumType('ToolChoiceMode', { values: ['AUTO', 'NONE', 'REQUIRED'] as const });

const ToolChoiceInput = builder.inputType('ToolChoiceInput', {
  description: 'A mode, or the name of the one tool the model must call',
  fields: (t) => ({ mode: t.field({ type: ToolChoiceMode }), name: t.string() }),
});

const ResponseFormatType = builder.enumType('ResponseFormatType', { values: ['TEXT', 'JSON_OBJECT', 'JSON_SCHEMA'] as const });

const ResponseFormatInput = builder.inputType('ResponseFormatInput', {
  fields: (t) => ({
    type: t.field({ type: ResponseFormatType, required: true }),
    name: t.string({ description: 'JSON_SCHEMA: the schema name' }),
    schema: t.field({ type: 'JSON', description: 'JSON_SCHEMA: the JSON Schema the answer must fit' }),
    strict: t.boolean(),
  }),
});

export const ChatInputType = builder.inputType('ChatInput', {
  fields: (t) => ({
    model: t.string({ required: true, description: 'A gateway model name (see Query.models)' }),
    messages: t.field({ type: [ChatMessageInput], required: true }),
    temperature: t.float(),
    topP: t.float(),
    seed: t.int(),
    maxTokens: t.int({ description: 'Cap on output tokens; reserved against the daily output quota' }),
    stop: t.stringList(),
    tools: t.field({ type: [ToolInput] }),
    toolChoice: t.field({ type: ToolChoiceInput }),
    responseFormat: t.field({ type: ResponseFormatInput }),
    endUser: t.string({ description: "Your own id for the end user; passed to vendors that take one and kept in the audit record" }),
  }),
});

type Args = typeof ChatInputType.$inferInput;

function toMessage(m: Args['messages'][number], i: number): ChatMessage {
  const role = m.role.toLowerCase() as ChatMessage['role'];
  if (m.content != null && m.parts != null) throw badInput(`messages[${i}]: send content or parts, not both`, 'messages');
  let content: ChatMessage['content'] = m.content ?? null;
  if (m.parts) {
    content = m.parts.map((p): ContentPart => {
      if ((p.text == null) === (p.image == null)) throw badInput(`messages[${i}]: each part is text or an image`, 'messages');
      if (p.text != null) return { type: 'text', text: p.text };
      const img = p.image!;
      if (img.url) return { type: 'image', source: { kind: 'url', url: img.url } };
      if (img.data && img.mediaType) return { type: 'image', source: { kind: 'base64', mediaType: img.mediaType, data: img.data } };
      throw badInput(`messages[${i}]: an image needs a url, or data and mediaType`, 'messages');
    });
  }
  return {
    role,
    content,
    ...(m.toolCalls?.length ? { toolCalls: m.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })) } : {}),
    ...(m.toolCallId ? { toolCallId: m.toolCallId } : {}),
  };
}

function toToolChoice(c: Args['toolChoice']): ToolChoice | null {
  if (!c) return null;
  if ((c.mode == null) === (c.name == null)) throw badInput('toolChoice takes a mode or a name', 'toolChoice');
  return c.name != null ? { name: c.name } : (c.mode!.toLowerCase() as 'auto' | 'none' | 'required');
}

function toResponseFormat(f: Args['responseFormat']): ResponseFormat | null {
  if (!f) return null;
  if (f.type !== 'JSON_SCHEMA') return { type: f.type === 'TEXT' ? 'text' : 'json_object' };
  if (!f.name || typeof f.schema !== 'object' || f.schema === null) throw badInput('A JSON_SCHEMA response format needs name and schema', 'responseFormat');
  return { type: 'json_schema', name: f.name, schema: f.schema as Record<string, unknown>, ...(f.strict != null ? { strict: f.strict } : {}) };
}

export function toChatInput(input: Args): ChatInput {
  return {
    model: input.model,
    messages: input.messages.map(toMessage),
    temperature: input.temperature,
    topP: input.topP,
    seed: input.seed,
    maxTokens: input.maxTokens,
    stop: input.stop,
    tools: input.tools?.map((t) => ({ name: t.name, ...(t.description != null ? { description: t.description } : {}), parameters: t.parameters as Record<string, unknown>, ...(t.strict != null ? { strict: t.strict } : {}) })) ?? null,
    toolChoice: toToolChoice(input.toolChoice),
    responseFormat: toResponseFormat(input.responseFormat),
    endUser: input.endUser,
  };
}
