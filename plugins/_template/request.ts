/**
 * Translates a ChatRequest into Acme's body. Acme takes a separate system
 * prompt, images as base64 only, and tools; it has no JSON modes, no seed and
 * no end-user field. What it lacks is refused by name before anything is sent,
 * except the end-user id, which is only a hint and is left out.
 */
import { contentText, unsupportedFeature, type ChatMessage, type ChatRequest } from '../plugin-api.ts';
import { inlineImage } from '../_shared/images.ts';
import { namedTool, toolCallIdOf } from '../_shared/request-checks.ts';

function messageOf(m: ChatMessage, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = { role: m.role, text: contentText(m.content) };
  if (Array.isArray(m.content)) {
    const images = m.content.flatMap((p) => {
      if (p.type !== 'image') return [];
      const inline = inlineImage(p.source);
      if (!inline) throw unsupportedFeature('image URLs', 'acme', 'it takes images as base64 data only');
      return [{ media_type: inline.mediaType, base64: inline.data }];
    });
    if (images.length) out.images = images;
  }
  if (m.toolCalls?.length) out.calls = m.toolCalls.map((c) => ({ id: c.id, name: c.name, json: c.arguments }));
  if (m.role === 'tool') out.call_id = toolCallIdOf(m, index);
  return out;
}

export function acmeBody(req: ChatRequest, stream: boolean): Record<string, unknown> {
  if (req.responseFormat && req.responseFormat.type !== 'text') throw unsupportedFeature(req.responseFormat.type, 'acme', 'it has no JSON mode');
  if (req.seed !== undefined) throw unsupportedFeature('seed', 'acme');
  const system = req.messages.filter((m) => m.role === 'system').map((m) => contentText(m.content)).join('\n\n');
  const body: Record<string, unknown> = { model: req.model, messages: req.messages.flatMap((m, i) => (m.role === 'system' ? [] : [messageOf(m, i)])), stream };
  if (system) body.system = system;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.maxTokens !== undefined) body.max_output = req.maxTokens;
  if (req.stop?.length) body.stop = req.stop;
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({ name: t.name, description: t.description ?? '', schema: t.parameters }));
    const choice = req.toolChoice;
    if (choice !== undefined) body.tool_mode = typeof choice === 'string' ? choice : { only: namedTool(req.tools, choice.name) };
  }
  return body;
}
