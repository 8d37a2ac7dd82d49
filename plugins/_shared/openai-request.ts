/**
 * Builds the OpenAI Chat Completions request body from a v2 ChatRequest:
 * messages with content parts (`image_url`, inline images as data URLs),
 * assistant `tool_calls`, `tool` results, function tools, `tool_choice`,
 * `response_format` (json_object, json_schema), sampling options, and the
 * end-user id. Shared by the OpenAI-style plugins.
 */
import { contentText, type ChatMessage, type ChatRequest, type ContentPart, type ToolChoice } from '../plugin-api.ts';
import { imageUrl } from './images.ts';
import { namedTool, toolCallIdOf } from './request-checks.ts';

/** How one OpenAI-style vendor's request differs from the others. */
export interface OpenAIRequestSettings {
  /** OpenAI renamed `max_tokens`; most compatible servers still only know the old name. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Send `stream_options.include_usage`; some older servers reject unknown fields. */
  includeUsage: boolean;
  /**
   * Where the caller's end-user id goes: OpenAI's `safety_identifier` (which
   * superseded `user` on Chat Completions) or the older `user` that OpenRouter and
   * compatible servers read.
   */
  endUserField: 'user' | 'safety_identifier';
}

type WirePart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** Text-only content goes as a plain string (every compatible server reads that); images make it a parts array. */
function userContent(content: string | ContentPart[] | null): string | WirePart[] {
  if (typeof content === 'string' || content === null) return content ?? '';
  if (!content.some((p) => p.type === 'image')) return contentText(content);
  return content.map((p): WirePart => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: { url: imageUrl(p.source) } }));
}

function wireMessage(m: ChatMessage, index: number): Record<string, unknown> {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: contentText(m.content) };
    case 'user':
      return { role: 'user', content: userContent(m.content) };
    case 'assistant': {
      const text = contentText(m.content);
      if (!m.toolCalls?.length) return { role: 'assistant', content: text };
      return {
        role: 'assistant',
        content: text || null,
        tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: toolCallIdOf(m, index), content: contentText(m.content) };
  }
}

function wireToolChoice(choice: ToolChoice, req: ChatRequest): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: namedTool(req.tools, choice.name) } };
}

/** The JSON body of POST /chat/completions. */
export function openAIChatBody(req: ChatRequest, s: OpenAIRequestSettings, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { model: req.model, messages: req.messages.map(wireMessage), stream };
  if (stream && s.includeUsage) body.stream_options = { include_usage: true };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.seed !== undefined) body.seed = req.seed;
  if (req.maxTokens !== undefined) body[s.maxTokensField] = req.maxTokens;
  if (req.stop?.length) body.stop = req.stop;
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description !== undefined && { description: t.description }),
        parameters: t.parameters,
        ...(t.strict !== undefined && { strict: t.strict }),
      },
    }));
    // A tool choice without tools means nothing, and the API refuses it.
    if (req.toolChoice !== undefined) body.tool_choice = wireToolChoice(req.toolChoice, req);
  }
  const format = req.responseFormat;
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    body.response_format = {
      type: 'json_schema',
      json_schema: {
        name: format.name,
        ...(format.description !== undefined && { description: format.description }),
        schema: format.schema,
        ...(format.strict !== undefined && { strict: format.strict }),
      },
    };
  }
  if (req.endUser !== undefined) body[s.endUserField] = req.endUser;
  return body;
}
