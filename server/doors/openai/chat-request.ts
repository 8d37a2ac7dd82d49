/** An OpenAI Chat Completions body as the chat core's ChatInput. */
import type { ChatMessage, ContentPart, ResponseFormat, ToolChoice, ToolDefinition } from '../../../plugins/plugin-api.ts';
import { badInput } from '../../errors.ts';
import type { ChatInput } from '../../modules/chat/chat-input.ts';
import { field, imageFromUrl, isRecord } from '../door-context.ts';

export interface OpenAIChatRequest {
  input: ChatInput;
  stream: boolean;
  includeUsage: boolean;
}

export function toChatRequest(body: Record<string, unknown>): OpenAIChatRequest {
  const model = field.string(body, 'model', true)!;
  if (!Array.isArray(body.messages)) throw badInput('messages must be a list', 'messages');
  const n = field.number(body, 'n');
  if (n != null && n !== 1) throw badInput('n must be 1: the gateway answers one choice', 'n');
  const stop = body.stop == null ? null : typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (stop && (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string'))) throw badInput('stop must be a string or a list of strings', 'stop');
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  return {
    input: {
      model,
      messages: body.messages.map(toMessage),
      temperature: field.number(body, 'temperature') ?? null,
      topP: field.number(body, 'top_p') ?? null,
      seed: field.number(body, 'seed') ?? null,
      maxTokens: field.number(body, 'max_completion_tokens') ?? field.number(body, 'max_tokens') ?? null,
      stop: stop as string[] | null,
      tools: toTools(body.tools),
      toolChoice: toToolChoice(body.tool_choice),
      responseFormat: toResponseFormat(body.response_format),
      endUser: field.string(body, 'safety_identifier') ?? field.string(body, 'user') ?? null,
    },
    stream: field.boolean(body, 'stream') ?? false,
    includeUsage: streamOptions.include_usage === true,
  };
}

function toMessage(raw: unknown, i: number): ChatMessage {
  if (!isRecord(raw)) throw badInput(`messages[${i}] must be an object`, 'messages');
  const role = raw.role;
  const where = `messages[${i}]`;
  switch (role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textOnly(raw.content, where) };
    case 'user':
      return { role: 'user', content: userContent(raw.content, where) };
    case 'assistant': {
      const toolCalls = Array.isArray(raw.tool_calls)
        ? raw.tool_calls.map((c: unknown, k: number) => {
            const fn = isRecord(c) && isRecord(c.function) ? c.function : null;
            if (!isRecord(c) || typeof c.id !== 'string' || !fn || typeof fn.name !== 'string') throw badInput(`${where}.tool_calls[${k}] needs id and function.name`, 'messages');
            return { id: c.id, name: fn.name, arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}) };
          })
        : undefined;
      const content = raw.content == null ? null : textOnly(raw.content, where);
      return { role: 'assistant', content: content === '' && toolCalls?.length ? null : content, ...(toolCalls?.length ? { toolCalls } : {}) };
    }
    case 'tool':
      if (typeof raw.tool_call_id !== 'string') throw badInput(`${where} (tool) needs tool_call_id`, 'messages');
      return { role: 'tool', content: textOnly(raw.content, where), toolCallId: raw.tool_call_id };
    default:
      throw badInput(`${where}.role must be system, developer, user, assistant or tool`, 'messages');
  }
}

function textOnly(content: unknown, where: string): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p: unknown) => {
        if (isRecord(p) && p.type === 'text' && typeof p.text === 'string') return p.text;
        throw badInput(`${where}: only text parts are allowed here`, 'messages');
      })
      .join('');
  }
  throw badInput(`${where} needs content`, 'messages');
}

function userContent(content: unknown, where: string): string | ContentPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw badInput(`${where} needs content`, 'messages');
  return content.map((p: unknown): ContentPart => {
    if (isRecord(p) && p.type === 'text' && typeof p.text === 'string') return { type: 'text', text: p.text };
    if (isRecord(p) && p.type === 'image_url') {
      const url = typeof p.image_url === 'string' ? p.image_url : isRecord(p.image_url) ? p.image_url.url : undefined;
      if (typeof url !== 'string') throw badInput(`${where}: image_url needs a url`, 'messages');
      return { type: 'image', source: imageFromUrl(url) };
    }
    throw badInput(`${where}: content parts may be text or image_url`, 'messages');
  });
}

function toTools(raw: unknown): ToolDefinition[] | null {
  if (raw == null) return null;
  if (!Array.isArray(raw)) throw badInput('tools must be a list', 'tools');
  return raw.map((t: unknown, i: number) => {
    const fn = isRecord(t) && t.type === 'function' && isRecord(t.function) ? t.function : null;
    if (!fn || typeof fn.name !== 'string') throw badInput(`tools[${i}] must be {type: "function", function: {name, parameters}}`, 'tools');
    return {
      name: fn.name,
      ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
      parameters: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
      ...(typeof fn.strict === 'boolean' ? { strict: fn.strict } : {}),
    };
  });
}

function toToolChoice(raw: unknown): ToolChoice | null {
  if (raw == null) return null;
  if (raw === 'auto' || raw === 'none' || raw === 'required') return raw;
  if (isRecord(raw) && isRecord(raw.function) && typeof raw.function.name === 'string') return { name: raw.function.name };
  throw badInput('tool_choice must be auto, none, required or {type: "function", function: {name}}', 'tool_choice');
}

function toResponseFormat(raw: unknown): ResponseFormat | null {
  if (raw == null) return null;
  if (!isRecord(raw)) throw badInput('response_format must be an object', 'response_format');
  if (raw.type === 'text' || raw.type === 'json_object') return { type: raw.type };
  if (raw.type === 'json_schema' && isRecord(raw.json_schema) && typeof raw.json_schema.name === 'string' && isRecord(raw.json_schema.schema)) {
    const s = raw.json_schema;
    return {
      type: 'json_schema',
      name: s.name as string,
      schema: s.schema as Record<string, unknown>,
      ...(typeof s.strict === 'boolean' ? { strict: s.strict } : {}),
      ...(typeof s.description === 'string' ? { description: s.description } : {}),
    };
  }
  throw badInput('response_format must be text, json_object or json_schema with json_schema.name and json_schema.schema', 'response_format');
}
