/** OpenRouter endpoint, auth and attribution headers, instance options. */
import { z } from 'zod';
import { httpOptionsSchema } from '../_shared/http.ts';

export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

export const openRouterOptionsSchema = httpOptionsSchema.extend({
  /** `HTTP-Referer`: OpenRouter attributes traffic to this app URL. */
  referer: z.string().optional(),
  /** `X-Title`: the app name shown on openrouter.ai. */
  title: z.string().optional(),
});
export type OpenRouterOptions = z.infer<typeof openRouterOptionsSchema>;

export function openRouterHeaders(apiKey: string | undefined, o: OpenRouterOptions): Record<string, string> {
  const h: Record<string, string> = {};
  if (apiKey) h.authorization = `Bearer ${apiKey}`;
  if (o.referer) h['http-referer'] = o.referer;
  if (o.title) h['x-title'] = o.title;
  return h;
}
