/** Acme (a made-up vendor): the template every new plugin starts from. See README.md beside it. */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { acmeOptionsSchema } from './api.ts';
import { createAcmeProvider } from './provider.ts';

export default definePlugin({
  id: 'acme',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Acme chat API (template)',
  // Truthful: the conformance suite checks these against what request.ts translates.
  features: { tools: true, images: true, jsonObject: false, jsonSchema: false, embeddings: false },
  configSchema: acmeOptionsSchema,
  create: createAcmeProvider,
});
