/**
 * Builds the Gemini generateContent request body from a v2 ChatRequest: the
 * system prompt as `systemInstruction`, `contents` with `user`/`model` turns
 * whose parts are text, `inlineData` (base64 images), `fileData` (image URLs),
 * `functionCall` (assistant tool calls, with their thought signatures) and
 * `functionResponse` (tool results, answered by tool name); function
 * declarations with full JSON Schema (`parametersJsonSchema`), `toolConfig`,
 * and `generationConfig` (sampling, seed, stop, JSON mode through
 * `responseMimeType` and `responseJsonSchema`).
 */
import { contentText, unsupportedFeature, type ChatMessage, type ChatRequest, type ContentPart, type ImageSource, type ToolChoice } from '../plugin-api.ts';
import { inlineImage, mediaTypeOfUrl } from '../_shared/images.ts';
import { argumentsObject, malformedRequest, namedTool, toolCallIdOf, toolNamesById } from '../_shared/request-checks.ts';

/**
 * Gemini 3 models refuse a replayed function call without the thought signature
 * they sent with it. The plugin keeps the signatures it saw by call id (see
 * `ThoughtSignatures`); for a call it has none for (made by another vendor, or
 * seen by another gateway instance), Google documents this value to skip the
 * check.
 */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/** Thought signatures by tool-call id, bounded: the oldest go first. */
export class ThoughtSignatures {
  private readonly byId = new Map<string, string>();
  constructor(private readonly max = 10_000) {}
  set(id: string, signature: string): void {
    this.byId.set(id, signature);
    if (this.byId.size > this.max) this.byId.delete(this.byId.keys().next().value!);
  }
  get(id: string): string | undefined {
    return this.byId.get(id);
  }
}

type Part = Record<string, unknown>;
interface Content {
  role: 'user' | 'model';
  parts: Part[];
}

function imagePart(source: ImageSource): Part {
  const inline = inlineImage(source);
  if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
  const url = (source as { url: string }).url;
  const mimeType = mediaTypeOfUrl(url);
  if (!mimeType) {
    throw unsupportedFeature('image URLs without an image file extension', 'gemini', 'fileData needs the media type; send the image as base64 data');
  }
  return { fileData: { mimeType, fileUri: url } };
}

function userParts(content: string | ContentPart[] | null): Part[] {
  if (typeof content === 'string' || content === null) return [{ text: content ?? '' }];
  return content.map((p) => (p.type === 'text' ? { text: p.text } : imagePart(p.source)));
}

/** A tool result as Gemini's `response` object: a JSON object as is, anything else as `{ output }`. */
function responseOf(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // Plain text: the documented `output` key.
  }
  return { output: text };
}

function contentOf(m: ChatMessage, index: number, names: Map<string, string>, signatures: ThoughtSignatures): Content {
  switch (m.role) {
    case 'user':
      return { role: 'user', parts: userParts(m.content) };
    case 'assistant': {
      const text = contentText(m.content);
      const parts: Part[] = text || !m.toolCalls?.length ? [{ text }] : [];
      m.toolCalls?.forEach((c, i) => {
        // Only the first call of a step carries a signature, even with parallel calls.
        const signature = signatures.get(c.id) ?? (i === 0 ? SKIP_SIGNATURE : undefined);
        parts.push({ functionCall: { name: c.name, args: argumentsObject(c) }, ...(signature && { thoughtSignature: signature }) });
      });
      return { role: 'model', parts };
    }
    case 'tool': {
      const id = toolCallIdOf(m, index);
      const name = names.get(id);
      if (!name) throw malformedRequest(`message ${index} answers tool call ${id}, which no earlier assistant message made`);
      return { role: 'user', parts: [{ functionResponse: { name, response: responseOf(contentText(m.content)) } }] };
    }
    case 'system':
      throw new Error('system messages are sent separately');
  }
}

/** Consecutive turns of one role become one, so a step's function responses arrive together. */
function mergeContents(contents: Content[]): Content[] {
  const out: Content[] = [];
  for (const c of contents) {
    const last = out.at(-1);
    if (last?.role === c.role) last.parts.push(...c.parts);
    else out.push({ role: c.role, parts: [...c.parts] });
  }
  return out;
}

function toolConfigOf(choice: ToolChoice, req: ChatRequest): Record<string, unknown> {
  if (typeof choice !== 'string') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [namedTool(req.tools, choice.name)] } };
  return { functionCallingConfig: { mode: choice === 'auto' ? 'AUTO' : choice === 'none' ? 'NONE' : 'ANY' } };
}

/** The JSON body of models/{model}:generateContent and :streamGenerateContent. */
export function generateBody(req: ChatRequest, signatures: ThoughtSignatures): Record<string, unknown> {
  const names = toolNamesById(req.messages);
  const system = req.messages.filter((m) => m.role === 'system').map((m) => ({ text: contentText(m.content) }));
  const body: Record<string, unknown> = {
    contents: mergeContents(req.messages.flatMap((m, i) => (m.role === 'system' ? [] : [contentOf(m, i, names, signatures)]))),
  };
  if (system.length) body.systemInstruction = { parts: system };
  if (req.tools?.length) {
    // parametersJsonSchema takes the caller's JSON Schema as is; `parameters` would need the OpenAPI subset.
    body.tools = [
      {
        functionDeclarations: req.tools.map((t) => ({
          name: t.name,
          ...(t.description !== undefined && { description: t.description }),
          parametersJsonSchema: t.parameters,
        })),
      },
    ];
    if (req.toolChoice !== undefined) body.toolConfig = toolConfigOf(req.toolChoice, req);
  }
  const gen: Record<string, unknown> = {};
  if (req.temperature !== undefined) gen.temperature = req.temperature;
  if (req.topP !== undefined) gen.topP = req.topP;
  if (req.seed !== undefined) gen.seed = req.seed;
  if (req.maxTokens !== undefined) gen.maxOutputTokens = req.maxTokens;
  if (req.stop?.length) gen.stopSequences = req.stop;
  const format = req.responseFormat;
  if (format?.type === 'json_object' || format?.type === 'json_schema') gen.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') gen.responseJsonSchema = format.schema;
  if (Object.keys(gen).length) body.generationConfig = gen;
  return body;
}
