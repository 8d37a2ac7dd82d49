/**
 * The Anthropic Messages request shape the fake accepts, after
 * @anthropic-ai/sdk's `MessageCreateParams` (the parts the gateway sends), with
 * the API's rules on tool use: every `tool_use` is answered by a `tool_result`
 * in the next user message, and those results come first in it.
 */
import { z } from 'zod';

const text = z.object({ type: z.literal('text'), text: z.string().min(1) }).strict();
const image = z
  .object({
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [
      z
        .object({ type: z.literal('base64'), media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']), data: z.string().regex(/^[A-Za-z0-9+/]+=*$/) })
        .strict(),
      z.object({ type: z.literal('url'), url: z.string().url() }).strict(),
    ]),
  })
  .strict();
const toolUse = z
  .object({ type: z.literal('tool_use'), id: z.string().regex(/^[a-zA-Z0-9_-]+$/), name: z.string().min(1), input: z.record(z.unknown()) })
  .strict();
const toolResult = z
  .object({
    type: z.literal('tool_result'),
    tool_use_id: z.string().regex(/^[a-zA-Z0-9_-]+$/),
    content: z.union([z.string(), z.array(z.union([text, image]))]).optional(),
    is_error: z.boolean().optional(),
  })
  .strict();

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('user'), content: z.union([z.string().min(1), z.array(z.union([text, image, toolResult])).min(1)]) }).strict(),
  z.object({ role: z.literal('assistant'), content: z.union([z.string().min(1), z.array(z.union([text, toolUse])).min(1)]) }).strict(),
]);

const tool = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/),
    description: z.string().optional(),
    input_schema: z.object({ type: z.literal('object') }).passthrough(),
    strict: z.boolean().optional(),
  })
  .strict();

const toolChoice = z.union([
  z.object({ type: z.enum(['auto', 'any']), disable_parallel_tool_use: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().optional() }).strict(),
]);

export const anthropicMessagesRequest = z
  .object({
    model: z.string().min(1),
    max_tokens: z.number().int().positive(),
    messages: z.array(message).min(1),
    system: z.union([z.string(), z.array(text)]).optional(),
    stream: z.boolean().optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().optional(),
    stop_sequences: z.array(z.string()).optional(),
    tools: z.array(tool).min(1).optional(),
    tool_choice: toolChoice.optional(),
    metadata: z.object({ user_id: z.string().optional() }).strict().optional(),
    output_config: z.object({ format: z.object({ type: z.literal('json_schema'), schema: z.record(z.unknown()) }).strict() }).strict().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.tool_choice && !body.tools) ctx.addIssue({ code: 'custom', path: ['tool_choice'], message: 'tool_choice needs tools' });
    const blocks = (c: unknown) => (Array.isArray(c) ? (c as { type: string; id?: string; tool_use_id?: string }[]) : []);
    body.messages.forEach((m, i) => {
      const uses = m.role === 'assistant' ? blocks(m.content).filter((b) => b.type === 'tool_use') : [];
      if (!uses.length) return;
      const next = body.messages[i + 1];
      const results = next?.role === 'user' ? blocks(next.content) : [];
      for (const u of uses) {
        if (!results.some((r) => r.type === 'tool_result' && r.tool_use_id === u.id)) {
          ctx.addIssue({ code: 'custom', path: ['messages', i + 1], message: `tool_use ${u.id} has no tool_result in the next user message` });
        }
      }
      const firstOther = results.findIndex((r) => r.type !== 'tool_result');
      if (firstOther !== -1 && results.slice(firstOther).some((r) => r.type === 'tool_result')) {
        ctx.addIssue({ code: 'custom', path: ['messages', i + 1], message: 'tool_result blocks must come first in the user message' });
      }
    });
  });
