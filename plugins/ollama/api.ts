/** Ollama endpoint and options. */
import { z } from 'zod';
import { httpOptionsSchema } from '../_shared/http.ts';

export const DEFAULT_BASE_URL = 'http://127.0.0.1:11434';

export const ollamaOptionsSchema = httpOptionsSchema.extend({
  /** Ollama's `keep_alive`: how long the model stays loaded after a request (e.g. `5m`, `-1`). */
  keepAlive: z.string().optional(),
  /** Context window (`num_ctx`); Ollama's default is small and silently truncates long prompts. */
  numCtx: z.number().int().positive().optional(),
});
export type OllamaOptions = z.infer<typeof ollamaOptionsSchema>;

// Plain Ollama has no auth; a key is for deployments behind an authenticating proxy.
export function ollamaHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}
