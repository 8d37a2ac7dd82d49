/** Options for any server speaking the OpenAI protocol (vLLM, LM Studio, DeepSeek, llama.cpp...). */
import { z } from 'zod';
import { httpOptionsSchema } from '../_shared/http.ts';

export const compatibleOptionsSchema = httpOptionsSchema.extend({
  /** Header carrying the key; most servers use `authorization` (as `Bearer <key>`), some gateways `api-key`. */
  authHeader: z.string().default('authorization'),
  /** Set false for servers that reject `stream_options`; usage is then counted with js-tiktoken. */
  streamUsage: z.boolean().default(true),
  /** Field name for the token limit; OpenAI's newer `max_completion_tokens` is rarely supported elsewhere. */
  maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  /**
   * The server answers POST /embeddings. Set false for one that does not: the
   * instance then has no `embed` and the router never asks it for embeddings.
   */
  embeddings: z.boolean().default(true),
});
export type CompatibleOptions = z.infer<typeof compatibleOptionsSchema>;

export function compatibleHeaders(apiKey: string | undefined, o: CompatibleOptions): Record<string, string> {
  if (!apiKey) return {};
  const name = o.authHeader.toLowerCase();
  return { [name]: name === 'authorization' ? `Bearer ${apiKey}` : apiKey };
}
