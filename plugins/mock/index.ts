/** Built-in deterministic provider with no network, for the offline demo and for tests. */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { mockOptionsSchema } from './api.ts';
import { createMockProvider } from './provider.ts';

export default definePlugin({
  id: 'mock',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Deterministic offline provider with fault injection',
  // Everything plugin API 2 carries, answered deterministically (see chat.ts and embed.ts).
  features: { tools: true, images: true, jsonObject: true, jsonSchema: true, embeddings: true },
  configSchema: mockOptionsSchema,
  create: createMockProvider,
});
