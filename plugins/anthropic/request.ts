/**
 * Builds the Anthropic Messages request body from a v2 ChatRequest: the system
 * prompt as the top-level `system`, content blocks (`text`, `image` with a
 * base64 or url source), assistant `tool_use` blocks, tool results as
 * `tool_result` blocks at the head of the next user turn, tools with
 * `input_schema`, `tool_choice`, structured output (`output_config.format`
 * for json_schema; json_object through a forced tool, see below),
 * `metadata.user_id`, top_p and stop sequences.
 */
import {
  contentText,
  unsupportedFeature,
  type ChatMessage,
  type ChatRequest,
  type ContentPart,
  type ImageSource,
  type ToolChoice,
} from '../plugin-api.ts';
import { inlineImage } from '../_shared/images.ts';
import { argumentsObject, namedTool, toolCallIdOf } from '../_shared/request-checks.ts';
import type { AnthropicOptions } from './api.ts';

/**
 * The Messages API has no JSON object mode. A json_object request is served
 * faithfully by offering one tool whose input is any JSON object and forcing
 * the model to call it; the tool's input is then the answer, streamed back as
 * text. It cannot be combined with the caller's own tools (the forced call
 * would shut them out), so that combination is refused by name.
 */
export const JSON_OBJECT_TOOL = 'json_object_answer';

/** Media types the Messages API takes for images. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

type Block = Record<string, unknown>;
interface Turn {
  role: 'user' | 'assistant';
  content: string | Block[];
}

/** Tool ids must match ^[a-zA-Z0-9_-]+$; ids from other vendors are mapped the same way on both sides. */
const toolId = (id: string) => id.replace(/[^a-zA-Z0-9_-]/g, '_');

function imageBlock(source: ImageSource): Block {
  const inline = inlineImage(source);
  if (!inline) return { type: 'image', source: { type: 'url', url: (source as { url: string }).url } };
  if (!IMAGE_TYPES.has(inline.mediaType)) {
    throw unsupportedFeature(`images of type ${inline.mediaType}`, 'anthropic', 'it takes JPEG, PNG, GIF and WebP');
  }
  return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
}

function userBlocks(content: string | ContentPart[] | null): string | Block[] {
  if (typeof content === 'string' || content === null) return content ?? '';
  if (!content.some((p) => p.type === 'image')) return contentText(content);
  return content.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : imageBlock(p.source)));
}

function turnOf(m: ChatMessage, index: number): Turn {
  switch (m.role) {
    case 'user':
      return { role: 'user', content: userBlocks(m.content) };
    case 'assistant': {
      const text = contentText(m.content);
      if (!m.toolCalls?.length) return { role: 'assistant', content: text };
      const blocks: Block[] = text ? [{ type: 'text', text }] : [];
      for (const c of m.toolCalls) blocks.push({ type: 'tool_use', id: toolId(c.id), name: c.name, input: argumentsObject(c) });
      return { role: 'assistant', content: blocks };
    }
    case 'tool':
      return { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolId(toolCallIdOf(m, index)), content: contentText(m.content) }] };
    case 'system':
      throw new Error('system messages are sent separately');
  }
}

/**
 * Consecutive turns of one role become one turn, so the tool results answering
 * an assistant turn sit together, first, in the user turn that follows it.
 */
function mergeTurns(turns: Turn[]): Turn[] {
  const out: Turn[] = [];
  const blocks = (c: Turn['content']): Block[] => (typeof c === 'string' ? [{ type: 'text', text: c }] : c);
  for (const t of turns) {
    const last = out.at(-1);
    if (last?.role === t.role) last.content = [...blocks(last.content), ...blocks(t.content)];
    else out.push({ ...t });
  }
  return out;
}

function toolChoiceOf(choice: ToolChoice, req: ChatRequest): Block {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: namedTool(req.tools, choice.name) };
}

/** The JSON body of POST /v1/messages. */
export function messagesBody(req: ChatRequest, o: AnthropicOptions, stream: boolean): Record<string, unknown> {
  if (req.seed !== undefined) throw unsupportedFeature('seed', 'anthropic', 'the Messages API has no seed');
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => contentText(m.content))
    .join('\n\n');
  const body: Record<string, unknown> = {
    model: req.model,
    max_tokens: req.maxTokens ?? o.defaultMaxTokens,
    messages: mergeTurns(req.messages.flatMap((m, i) => (m.role === 'system' ? [] : [turnOf(m, i)]))),
    stream,
  };
  if (system) body.system = system;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop?.length) body.stop_sequences = req.stop;
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({
      name: t.name,
      ...(t.description !== undefined && { description: t.description }),
      input_schema: t.parameters,
      ...(t.strict !== undefined && { strict: t.strict }),
    }));
    if (req.toolChoice !== undefined) body.tool_choice = toolChoiceOf(req.toolChoice, req);
  }
  const format = req.responseFormat;
  if (format?.type === 'json_schema') {
    // Structured outputs: the answer is constrained to the schema (always strict).
    body.output_config = { format: { type: 'json_schema', schema: format.schema } };
  } else if (format?.type === 'json_object') {
    if (req.tools?.length) throw unsupportedFeature('json_object together with tools', 'anthropic', 'its JSON object mode is a forced tool call');
    body.tools = [{ name: JSON_OBJECT_TOOL, description: 'Give the answer as a JSON object.', input_schema: { type: 'object' } }];
    body.tool_choice = { type: 'tool', name: JSON_OBJECT_TOOL };
  }
  if (req.endUser !== undefined) body.metadata = { user_id: req.endUser };
  return body;
}

/** Whether the request is served through the forced JSON tool (its call is the answer text). */
export const answersThroughJsonTool = (req: ChatRequest) => req.responseFormat?.type === 'json_object';
