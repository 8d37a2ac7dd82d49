/**
 * The OpenAI Chat Completions and Embeddings request shapes the fake accepts,
 * after openai-node's `ChatCompletionCreateParams` and `EmbeddingCreateParams`
 * (the parts the gateway sends). Objects are strict: a misplaced or misspelt
 * field is refused as the real API refuses unknown parameters.
 */
import { z } from 'zod';

const text = z.object({ type: z.literal('text'), text: z.string() }).strict();
const image = z
  .object({
    type: z.literal('image_url'),
    image_url: z
      .object({
        // A URL the vendor fetches, or the bytes inline as a data URL.
        url: z.string().regex(/^(https?:\/\/|data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/]+=*$)/, 'an http(s) URL or a base64 data URL'),
        detail: z.enum(['auto', 'low', 'high']).optional(),
      })
      .strict(),
  })
  .strict();
const toolCall = z
  .object({ id: z.string().min(1), type: z.literal('function'), function: z.object({ name: z.string().min(1), arguments: z.string() }).strict() })
  .strict();

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.union([z.string(), z.array(text)]), name: z.string().optional() }).strict(),
  z.object({ role: z.literal('developer'), content: z.union([z.string(), z.array(text)]), name: z.string().optional() }).strict(),
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(z.union([text, image])).min(1)]), name: z.string().optional() }).strict(),
  z
    .object({
      role: z.literal('assistant'),
      content: z.union([z.string(), z.null(), z.array(text)]).optional(),
      tool_calls: z.array(toolCall).min(1).optional(),
      name: z.string().optional(),
    })
    .strict(),
  z.object({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: z.union([z.string(), z.array(text)]) }).strict(),
]);

const tool = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
        description: z.string().optional(),
        parameters: z.record(z.unknown()).optional(),
        strict: z.boolean().nullable().optional(),
      })
      .strict(),
  })
  .strict();

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }).strict() }).strict(),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).strict(),
  z.object({ type: z.literal('json_object') }).strict(),
  z
    .object({
      type: z.literal('json_schema'),
      json_schema: z
        .object({
          name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
          description: z.string().optional(),
          schema: z.record(z.unknown()).optional(),
          strict: z.boolean().nullable().optional(),
        })
        .strict(),
    })
    .strict(),
]);

export const openAIChatRequest = z
  .object({
    model: z.string().min(1),
    messages: z.array(message).min(1),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean() }).strict().optional(),
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().min(0).max(1).optional(),
    seed: z.number().int().optional(),
    max_tokens: z.number().int().positive().optional(),
    max_completion_tokens: z.number().int().positive().optional(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).optional(),
    tools: z.array(tool).min(1).optional(),
    tool_choice: toolChoice.optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: responseFormat.optional(),
    user: z.string().optional(),
    safety_identifier: z.string().max(64).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    // The API refuses a tool message that answers no earlier call, and tool_choice without tools.
    const called = new Set<string>();
    body.messages.forEach((m, i) => {
      if (m.role === 'assistant') {
        for (const c of m.tool_calls ?? []) called.add(c.id);
        if ((m.content === null || m.content === undefined) && !m.tool_calls) {
          ctx.addIssue({ code: 'custom', path: ['messages', i], message: 'an assistant message needs content or tool_calls' });
        }
      }
      if (m.role === 'tool' && !called.has(m.tool_call_id)) {
        ctx.addIssue({ code: 'custom', path: ['messages', i, 'tool_call_id'], message: "a tool message must answer a preceding assistant message's tool_calls" });
      }
    });
    if (body.tool_choice !== undefined && !body.tools) ctx.addIssue({ code: 'custom', path: ['tool_choice'], message: 'tool_choice is only allowed when tools are given' });
  });

export const openAIEmbeddingsRequest = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(z.string()).min(1)]),
    dimensions: z.number().int().positive().optional(),
    encoding_format: z.enum(['float', 'base64']).optional(),
    user: z.string().optional(),
  })
  .strict();
