/** Acme endpoint, auth headers and instance options. */
import { z } from 'zod';
import { httpOptionsSchema } from '../_shared/http.ts';

export const DEFAULT_BASE_URL = 'https://api.acme.example/v1';

export const acmeOptionsSchema = httpOptionsSchema.extend({
  /** Acme serves from two regions; the header picks one. Every option has a default so `{}` is valid. */
  region: z.enum(['eu', 'us']).default('eu'),
});
export type AcmeOptions = z.infer<typeof acmeOptionsSchema>;

export function acmeHeaders(apiKey: string | undefined, o: AcmeOptions): Record<string, string> {
  const h: Record<string, string> = { 'acme-region': o.region };
  if (apiKey) h.authorization = `Bearer ${apiKey}`;
  return h;
}
