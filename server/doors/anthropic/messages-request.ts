/** An Anthropic Messages body as the chat core's ChatInput. */
import type { ChatMessage, ContentPart, ResponseFormat, ToolChoice, ToolDefinition } from '../../../plugins/plugin-api.ts';
import { badInput } from '../../errors.ts';
import type { ChatInput } from '../../modules/chat/chat-input.ts';
import { field, isRecord } from '../door-context.ts';

export interface AnthropicMessagesRequest {
  input: ChatInput;
  stream: boolean;
}

/** `count_tokens` takes the same body without max_tokens. */
export function toMessagesRequest(body: Record<string, unknown>, needMaxTokens = true): AnthropicMessagesRequest {
  const model = field.string(body, 'model', true)!;
  if (!Array.isArray(body.messages)) throw badInput('messages: Field required', 'messages');
  const maxTokens = field.number(body, 'max_tokens');
  if (needMaxTokens && maxTokens == null) throw badInput('max_tokens: Field required', 'max_tokens');
  const stop = body.stop_sequences;
  if (stop != null && (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string'))) throw badInput('stop_sequences must be a list of strings', 'stop_sequences');
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const messages: ChatMessage[] = [];
  const system = systemText(body.system);
  if (system) messages.push({ role: 'system', content: system });
  body.messages.forEach((m: unknown, i: number) => messages.push(...toMessages(m, i)));
  return {
    input: {
      model,
      messages,
      temperature: field.number(body, 'temperature') ?? null,
      topP: field.number(body, 'top_p') ?? null,
      maxTokens: maxTokens ?? null,
      stop: (stop as string[] | undefined) ?? null,
      tools: toTools(body.tools),
      toolChoice: toToolChoice(body.tool_choice),
      responseFormat: toOutputFormat(isRecord(body.output_config) && body.output_config.format != null ? body.output_config.format : body.output_format),
      endUser: typeof metadata.user_id === 'string' ? metadata.user_id : null,
    },
    stream: field.boolean(body, 'stream') ?? false,
  };
}

function systemText(raw: unknown): string {
  if (raw == null) return '';
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) return raw.map((b) => (isRecord(b) && b.type === 'text' && typeof b.text === 'string' ? b.text : '')).join('\n');
  throw badInput('system must be a string or a list of text blocks', 'system');
}

/** One Anthropic message; a user turn's tool_result blocks become tool messages ahead of its other content. */
function toMessages(raw: unknown, i: number): ChatMessage[] {
  const where = `messages.${i}`;
  if (!isRecord(raw) || (raw.role !== 'user' && raw.role !== 'assistant')) throw badInput(`${where}: role must be user or assistant`, 'messages');
  const role = raw.role;
  if (typeof raw.content === 'string') return [{ role, content: raw.content }];
  if (!Array.isArray(raw.content)) throw badInput(`${where}: content must be a string or a list of blocks`, 'messages');
  const parts: ContentPart[] = [];
  const toolCalls: { id: string; name: string; arguments: string }[] = [];
  const results: ChatMessage[] = [];
  for (const block of raw.content as unknown[]) {
    if (!isRecord(block)) throw badInput(`${where}: a content block must be an object`, 'messages');
    if (block.type === 'text' && typeof block.text === 'string') parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image' && role === 'user' && isRecord(block.source)) parts.push({ type: 'image', source: imageSource(block.source, where) });
    else if (block.type === 'tool_use' && role === 'assistant' && typeof block.id === 'string' && typeof block.name === 'string') {
      toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
    } else if (block.type === 'tool_result' && role === 'user' && typeof block.tool_use_id === 'string') {
      results.push({ role: 'tool', content: toolResultText(block.content, block.is_error === true, where), toolCallId: block.tool_use_id });
    } else throw badInput(`${where}: unsupported content block "${String(block.type).slice(0, 40)}" for role ${role}`, 'messages');
  }
  const out: ChatMessage[] = [...results];
  const onlyText = parts.every((p) => p.type === 'text');
  const content = onlyText ? parts.map((p) => (p as { text: string }).text).join('') : parts;
  if (role === 'assistant') {
    if (parts.length || toolCalls.length) out.push({ role, content: parts.length ? content : null, ...(toolCalls.length ? { toolCalls } : {}) });
  } else if (parts.length) out.push({ role, content });
  return out;
}

function imageSource(source: Record<string, unknown>, where: string) {
  if (source.type === 'base64' && typeof source.media_type === 'string' && typeof source.data === 'string') return { kind: 'base64' as const, mediaType: source.media_type, data: source.data };
  if (source.type === 'url' && typeof source.url === 'string') return { kind: 'url' as const, url: source.url };
  throw badInput(`${where}: an image source must be base64 (media_type, data) or url`, 'messages');
}

function toolResultText(content: unknown, isError: boolean, where: string): string {
  let text: string;
  if (content == null) text = '';
  else if (typeof content === 'string') text = content;
  else if (Array.isArray(content)) {
    text = content
      .map((b) => {
        if (isRecord(b) && b.type === 'text' && typeof b.text === 'string') return b.text;
        throw badInput(`${where}: tool results may hold text blocks only`, 'messages');
      })
      .join('');
  } else throw badInput(`${where}: tool_result content must be a string or text blocks`, 'messages');
  return isError ? `Error: ${text}` : text;
}

function toTools(raw: unknown): ToolDefinition[] | null {
  if (raw == null) return null;
  if (!Array.isArray(raw)) throw badInput('tools must be a list', 'tools');
  return raw.map((t: unknown, i: number) => {
    if (!isRecord(t) || typeof t.name !== 'string' || !isRecord(t.input_schema)) throw badInput(`tools.${i}: needs name and input_schema (server tools are not served)`, 'tools');
    return { name: t.name, ...(typeof t.description === 'string' ? { description: t.description } : {}), parameters: t.input_schema };
  });
}

function toToolChoice(raw: unknown): ToolChoice | null {
  if (raw == null) return null;
  if (!isRecord(raw)) throw badInput('tool_choice must be an object', 'tool_choice');
  if (raw.type === 'auto') return 'auto';
  if (raw.type === 'none') return 'none';
  if (raw.type === 'any') return 'required';
  if (raw.type === 'tool' && typeof raw.name === 'string') return { name: raw.name };
  throw badInput('tool_choice.type must be auto, any, tool (with name) or none', 'tool_choice');
}

/** Anthropic's structured outputs: `output_config.format` (or the beta's `output_format`), `{type: "json_schema", schema}`. */
function toOutputFormat(raw: unknown): ResponseFormat | null {
  if (raw == null) return null;
  if (isRecord(raw) && raw.type === 'json_schema' && isRecord(raw.schema)) return { type: 'json_schema', name: 'output', schema: raw.schema };
  throw badInput('output_config.format must be {type: "json_schema", schema}', 'output_config');
}
