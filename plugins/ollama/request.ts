/**
 * Builds the Ollama /api/chat request body from a v2 ChatRequest: messages with
 * string content and `images` (base64 only), assistant `tool_calls` with object
 * arguments, tool results with `tool_name` and `tool_call_id`, function tools,
 * `format` (`json`, or a JSON schema), and `options` (temperature, top_p,
 * seed, num_predict, stop, num_ctx).
 */
import { contentText, unsupportedFeature, type ChatMessage, type ChatRequest, type ContentPart } from '../plugin-api.ts';
import { inlineImage } from '../_shared/images.ts';
import { argumentsObject, toolCallIdOf, toolNamesById } from '../_shared/request-checks.ts';
import type { OllamaOptions } from './api.ts';

/** Ollama reads images as raw base64 in the message's `images`; it fetches no URLs. */
function imagesOf(content: string | ContentPart[] | null): string[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((p) => {
    if (p.type !== 'image') return [];
    const inline = inlineImage(p.source);
    if (!inline) throw unsupportedFeature('image URLs', 'ollama', 'it takes images as base64 data only');
    return [inline.data];
  });
}

function wireMessage(m: ChatMessage, index: number, names: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { role: m.role, content: contentText(m.content) };
  if (m.role === 'user') {
    const images = imagesOf(m.content);
    if (images.length) out.images = images;
  }
  if (m.role === 'assistant' && m.toolCalls?.length) {
    out.tool_calls = m.toolCalls.map((c) => ({ id: c.id, function: { name: c.name, arguments: argumentsObject(c) } }));
  }
  if (m.role === 'tool') {
    const id = toolCallIdOf(m, index);
    // Models' templates name the tool a result comes from; newer servers also match the call id.
    const name = names.get(id);
    if (name) out.tool_name = name;
    out.tool_call_id = id;
  }
  return out;
}

/** The JSON body of POST /api/chat. */
export function chatBody(req: ChatRequest, o: OllamaOptions, stream: boolean): Record<string, unknown> {
  const names = toolNamesById(req.messages);
  const options: Record<string, unknown> = {};
  if (req.temperature !== undefined) options.temperature = req.temperature;
  if (req.topP !== undefined) options.top_p = req.topP;
  if (req.seed !== undefined) options.seed = req.seed;
  if (req.maxTokens !== undefined) options.num_predict = req.maxTokens;
  if (req.stop?.length) options.stop = req.stop;
  if (o.numCtx) options.num_ctx = o.numCtx;
  const body: Record<string, unknown> = { model: req.model, messages: req.messages.map((m, i) => wireMessage(m, i, names)), stream, options };
  // Ollama has no tool_choice: `auto` is its only behaviour, `none` is no tools offered, the rest it cannot do.
  const choice = req.toolChoice;
  if (choice === 'required') throw unsupportedFeature('tool choice required', 'ollama', 'it has no tool_choice');
  if (choice !== undefined && typeof choice === 'object') throw unsupportedFeature('a named tool choice', 'ollama', 'it has no tool_choice');
  if (req.tools?.length && choice !== 'none') {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, ...(t.description !== undefined && { description: t.description }), parameters: t.parameters },
    }));
  }
  const format = req.responseFormat;
  if (format?.type === 'json_object') body.format = 'json';
  if (format?.type === 'json_schema') body.format = format.schema;
  if (o.keepAlive) body.keep_alive = o.keepAlive;
  return body;
}
