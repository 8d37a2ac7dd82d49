/**
 * The Ollama /api/chat and /api/embed request shapes the fake accepts, after
 * the server's own `api.ChatRequest`, `api.Message`, `api.ToolCall` and
 * `api.EmbedRequest` (ollama/api/types.go): content is a string, images are
 * base64 strings (no data URL), tool-call arguments are an object.
 */
import { z } from 'zod';

const toolCall = z
  .object({
    id: z.string().optional(),
    function: z.object({ index: z.number().int().optional(), name: z.string().min(1), arguments: z.record(z.unknown()) }).strict(),
  })
  .strict();

const message = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.string(),
    thinking: z.string().optional(),
    images: z.array(z.string().regex(/^[A-Za-z0-9+/]+=*$/, 'base64 data, not a URL')).min(1).optional(),
    tool_calls: z.array(toolCall).min(1).optional(),
    tool_name: z.string().optional(),
    tool_call_id: z.string().optional(),
  })
  .strict();

const tool = z
  .object({
    type: z.literal('function'),
    function: z.object({ name: z.string().min(1), description: z.string().optional(), parameters: z.record(z.unknown()) }).strict(),
  })
  .strict();

export const ollamaChatRequest = z
  .object({
    model: z.string().min(1),
    messages: z.array(message),
    stream: z.boolean().optional(),
    format: z.union([z.literal('json'), z.record(z.unknown())]).optional(),
    keep_alive: z.union([z.string(), z.number()]).optional(),
    tools: z.array(tool).min(1).optional(),
    options: z
      .object({
        temperature: z.number().optional(),
        top_p: z.number().optional(),
        top_k: z.number().optional(),
        seed: z.number().int().optional(),
        num_predict: z.number().int().optional(),
        num_ctx: z.number().int().optional(),
        stop: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    think: z.union([z.boolean(), z.string()]).optional(),
  })
  .strict();

export const ollamaEmbedRequest = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(z.string()).min(1)]),
    dimensions: z.number().int().positive().optional(),
    truncate: z.boolean().optional(),
    keep_alive: z.union([z.string(), z.number()]).optional(),
    options: z.record(z.unknown()).optional(),
  })
  .strict();
