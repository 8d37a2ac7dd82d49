/** Ollama's native /api/chat (NDJSON) over a keep-alive undici pool (see plugins/README.md for why not the `ollama` package). */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { ollamaOptionsSchema } from './api.ts';
import { createOllamaProvider } from './provider.ts';

export default definePlugin({
  id: 'ollama',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Ollama local models (/api/chat)',
  // Images as base64 only (URLs are refused by name); no tool_choice beyond auto and none.
  features: { tools: true, images: true, jsonObject: true, jsonSchema: true, embeddings: true },
  configSchema: ollamaOptionsSchema,
  create: createOllamaProvider,
});
