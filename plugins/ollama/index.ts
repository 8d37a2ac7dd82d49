/** Ollama's native /api/chat (NDJSON) over a keep-alive undici pool (see plugins/README.md for why not the `ollama` package). */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { ollamaOptionsSchema } from './api.ts';
import { createOllamaProvider } from './provider.ts';

export default definePlugin({
  id: 'ollama',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Ollama local models (/api/chat)',
  configSchema: ollamaOptionsSchema,
  create: createOllamaProvider,
});
