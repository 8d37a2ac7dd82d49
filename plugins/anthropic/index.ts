/** Anthropic Messages API over a keep-alive undici pool (see plugins/README.md for why not the SDK). */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { anthropicOptionsSchema } from './api.ts';
import { createAnthropicProvider } from './provider.ts';

export default definePlugin({
  id: 'anthropic',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Anthropic Messages API (Claude)',
  // JSON schema through structured outputs; JSON object through a forced tool (see request.ts). No embeddings API.
  features: { tools: true, images: true, jsonObject: true, jsonSchema: true, embeddings: false },
  configSchema: anthropicOptionsSchema,
  create: createAnthropicProvider,
});
