/** OpenAI endpoint, auth headers and instance options. */
import { z } from 'zod';
import { httpOptionsSchema } from '../_shared/http.ts';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const openAIOptionsSchema = httpOptionsSchema.extend({
  /** Sent as `OpenAI-Organization` when set. */
  organization: z.string().optional(),
  /** Sent as `OpenAI-Project` when set. */
  project: z.string().optional(),
});
export type OpenAIOptions = z.infer<typeof openAIOptionsSchema>;

export function openAIHeaders(apiKey: string | undefined, o: OpenAIOptions): Record<string, string> {
  const h: Record<string, string> = {};
  if (apiKey) h.authorization = `Bearer ${apiKey}`;
  if (o.organization) h['openai-organization'] = o.organization;
  if (o.project) h['openai-project'] = o.project;
  return h;
}
