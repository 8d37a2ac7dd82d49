import { createHash } from 'node:crypto';
import { contentText, type ChatMessage, type ImageSource, type ResponseFormat, type ToolChoice, type ToolDefinition } from '../../../plugins/plugin-api.ts';
import { badInput } from '../../errors.ts';

/** A chat request as every door hands it to the chat core: the full plugin API 2 request, in gateway terms. */
export interface ChatInput {
  model: string;
  messages: ChatMessage[];
  temperature?: number | null;
  topP?: number | null;
  seed?: number | null;
  maxTokens?: number | null;
  stop?: string[] | null;
  tools?: ToolDefinition[] | null;
  toolChoice?: ToolChoice | null;
  responseFormat?: ResponseFormat | null;
  /** The caller's own id for its end user; passed on where the vendor takes one, kept in the audit record. */
  endUser?: string | null;
}

const LIMITS = {
  messages: 500,
  messageChars: 500_000,
  totalChars: 1_000_000,
  stop: 4,
  stopChars: 100,
  maxTokens: 1_000_000,
  tools: 128,
  toolJsonChars: 200_000,
  images: 20,
  /** Decoded bytes of one inline image (the vendors' own caps are 5 to 20 MB). */
  imageBytes: 10 * 1024 * 1024,
  endUserChars: 256,
};
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Rejects what no provider could take, before any quota is reserved. */
export function validateChatInput(input: ChatInput, knownModel: (name: string) => boolean): void {
  if (!knownModel(input.model)) throw badInput(`Unknown model "${input.model.slice(0, 100)}"; Query.models lists the ones you may use`, 'model');
  if (input.messages.length === 0) throw badInput('messages must not be empty', 'messages');
  if (input.messages.length > LIMITS.messages) throw badInput(`At most ${LIMITS.messages} messages`, 'messages');
  let total = 0;
  let images = 0;
  const callIds = new Set<string>();
  for (const [i, m] of input.messages.entries()) {
    const length = contentText(m.content).length + (m.toolCalls?.reduce((n, c) => n + c.arguments.length, 0) ?? 0);
    if (length > LIMITS.messageChars) throw badInput(`A message may hold at most ${LIMITS.messageChars} characters`, 'messages');
    total += length;
    if (Array.isArray(m.content)) {
      for (const part of m.content) {
        if (part.type !== 'image') continue;
        if (m.role !== 'user') throw badInput(`messages[${i}]: images may only be sent in user messages`, 'messages');
        images++;
        validateImage(part.source, i);
      }
    }
    if (m.content === null && !(m.role === 'assistant' && m.toolCalls?.length)) throw badInput(`messages[${i}] needs content`, 'messages');
    if (m.toolCalls?.length) {
      if (m.role !== 'assistant') throw badInput(`messages[${i}]: only assistant messages carry tool calls`, 'messages');
      for (const call of m.toolCalls) {
        if (!call.id || !TOOL_NAME.test(call.name)) throw badInput(`messages[${i}]: a tool call needs an id and a name of letters, digits, _ or - (at most 64)`, 'messages');
        callIds.add(call.id);
      }
    }
    if (m.role === 'tool') {
      if (!m.toolCallId) throw badInput(`messages[${i}]: a tool result needs the id of the tool call it answers`, 'messages');
      if (!callIds.has(m.toolCallId)) throw badInput(`messages[${i}]: tool result for "${m.toolCallId.slice(0, 64)}", which no earlier assistant message called`, 'messages');
    }
  }
  if (images > LIMITS.images) throw badInput(`At most ${LIMITS.images} images per chat`, 'messages');
  if (total > LIMITS.totalChars) throw badInput(`All messages together may hold at most ${LIMITS.totalChars} characters`, 'messages');
  if (!input.messages.some((m) => m.role !== 'system')) throw badInput('messages need at least one user or assistant message', 'messages');
  if (input.temperature != null && !(input.temperature >= 0 && input.temperature <= 2)) throw badInput('temperature must be between 0 and 2', 'temperature');
  if (input.topP != null && !(input.topP >= 0 && input.topP <= 1)) throw badInput('topP must be between 0 and 1', 'topP');
  if (input.seed != null && !Number.isSafeInteger(input.seed)) throw badInput('seed must be a whole number', 'seed');
  if (input.maxTokens != null && !(Number.isInteger(input.maxTokens) && input.maxTokens >= 1 && input.maxTokens <= LIMITS.maxTokens)) {
    throw badInput(`maxTokens must be a whole number from 1 to ${LIMITS.maxTokens}`, 'maxTokens');
  }
  if (input.stop && (input.stop.length > LIMITS.stop || input.stop.some((s) => !s || s.length > LIMITS.stopChars))) {
    throw badInput(`stop takes at most ${LIMITS.stop} non-empty sequences of up to ${LIMITS.stopChars} characters`, 'stop');
  }
  if (input.endUser != null && (!input.endUser || input.endUser.length > LIMITS.endUserChars)) throw badInput(`endUser takes 1 to ${LIMITS.endUserChars} characters`, 'endUser');
  validateTools(input);
  validateResponseFormat(input.responseFormat);
}

function validateImage(source: ImageSource, i: number): void {
  if (source.kind === 'url') {
    let url: URL;
    try {
      url = new URL(source.url);
    } catch {
      throw badInput(`messages[${i}]: an image URL must be an absolute http(s) URL`, 'messages');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput(`messages[${i}]: an image URL must be http(s); send inline images as base64 data`, 'messages');
    return;
  }
  if (!IMAGE_TYPES.has(source.mediaType)) throw badInput(`messages[${i}]: image media type must be one of ${[...IMAGE_TYPES].join(', ')}`, 'messages');
  if (!source.data || !BASE64.test(source.data) || source.data.length % 4 !== 0) throw badInput(`messages[${i}]: image data must be base64`, 'messages');
  if ((source.data.length / 4) * 3 > LIMITS.imageBytes) throw badInput(`messages[${i}]: an image may be at most ${LIMITS.imageBytes} bytes`, 'messages');
}

function validateTools(input: ChatInput): void {
  const tools = input.tools ?? [];
  if (tools.length > LIMITS.tools) throw badInput(`At most ${LIMITS.tools} tools`, 'tools');
  const names = new Set<string>();
  let size = 0;
  for (const tool of tools) {
    if (!TOOL_NAME.test(tool.name)) throw badInput('A tool name takes 1 to 64 letters, digits, _ or -', 'tools');
    if (names.has(tool.name)) throw badInput(`Tool "${tool.name}" is defined twice`, 'tools');
    names.add(tool.name);
    if (!isObject(tool.parameters)) throw badInput(`Tool "${tool.name}": parameters must be a JSON Schema object`, 'tools');
    size += JSON.stringify(tool.parameters).length + (tool.description?.length ?? 0);
  }
  if (size > LIMITS.toolJsonChars) throw badInput(`Tool definitions may hold at most ${LIMITS.toolJsonChars} characters`, 'tools');
  const choice = input.toolChoice;
  if (choice != null && typeof choice === 'object') {
    if (!names.has(choice.name)) throw badInput(`toolChoice names "${choice.name.slice(0, 64)}", which is not among the tools`, 'toolChoice');
  } else if (choice === 'required' && !tools.length) throw badInput('toolChoice "required" needs tools', 'toolChoice');
}

function validateResponseFormat(format: ResponseFormat | null | undefined): void {
  if (format?.type !== 'json_schema') return;
  if (!TOOL_NAME.test(format.name)) throw badInput('A response format name takes 1 to 64 letters, digits, _ or -', 'responseFormat');
  if (!isObject(format.schema)) throw badInput('responseFormat.schema must be a JSON Schema object', 'responseFormat');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** A message as hashed: images by the SHA-256 of their bytes (never the bytes themselves). */
function canonicalMessage(m: ChatMessage) {
  const content = Array.isArray(m.content)
    ? m.content.map((p) =>
        p.type === 'text'
          ? { type: 'text', text: p.text }
          : { type: 'image', ...(p.source.kind === 'url' ? { url: p.source.url } : { mediaType: p.source.mediaType, sha256: sha256(Buffer.from(p.source.data, 'base64')) }) },
      )
    : m.content;
  return {
    role: m.role,
    content,
    ...(m.toolCalls?.length ? { toolCalls: m.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })) } : {}),
    ...(m.toolCallId ? { toolCallId: m.toolCallId } : {}),
  };
}

/**
 * SHA-256 of the prompt in a fixed key order, so equal prompts hash equal whatever the client's JSON looked like.
 * Covers everything that shapes the answer: messages (images by their bytes' hash), tools, tool choice,
 * response format and sampling. A text-only chat without the newer fields hashes as it always did.
 */
export function promptHash(input: ChatInput): string {
  const extra = {
    ...(input.tools?.length ? { tools: input.tools.map((t) => ({ name: t.name, description: t.description ?? null, parameters: t.parameters, strict: t.strict ?? null })) } : {}),
    ...(input.toolChoice != null ? { toolChoice: input.toolChoice } : {}),
    ...(input.responseFormat != null ? { responseFormat: input.responseFormat } : {}),
    ...(input.topP != null ? { topP: input.topP } : {}),
    ...(input.seed != null ? { seed: input.seed } : {}),
  };
  return sha256(
    JSON.stringify({
      model: input.model,
      messages: input.messages.map(canonicalMessage),
      temperature: input.temperature ?? null,
      maxTokens: input.maxTokens ?? null,
      stop: input.stop ?? null,
      ...extra,
    }),
  );
}

/** Counts the images of a chat (what DLP lets through unscreened). */
export function imageCount(messages: readonly ChatMessage[]): number {
  let n = 0;
  for (const m of messages) if (Array.isArray(m.content)) for (const p of m.content) if (p.type === 'image') n++;
  return n;
}

export const responseHash = sha256;
