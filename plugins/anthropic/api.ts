/** Anthropic Messages API endpoint, headers and instance options. */
import { z } from 'zod';
import { httpOptionsSchema } from '../_shared/http.ts';

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

export const anthropicOptionsSchema = httpOptionsSchema.extend({
  /** `anthropic-version` header; the API refuses requests without one. */
  version: z.string().default('2023-06-01'),
  /** `max_tokens` is required by the Messages API; used when the request sets none. */
  defaultMaxTokens: z.number().int().positive().default(4096),
  /** Beta feature flags sent as `anthropic-beta`. */
  betas: z.array(z.string()).default([]),
});
export type AnthropicOptions = z.infer<typeof anthropicOptionsSchema>;

export function anthropicHeaders(apiKey: string | undefined, o: AnthropicOptions): Record<string, string> {
  const h: Record<string, string> = { 'anthropic-version': o.version };
  if (apiKey) h['x-api-key'] = apiKey;
  if (o.betas.length) h['anthropic-beta'] = o.betas.join(',');
  return h;
}
