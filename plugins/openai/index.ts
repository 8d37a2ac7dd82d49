/** OpenAI Chat Completions over a keep-alive undici pool (see plugins/README.md for why not the SDK). */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { openAIOptionsSchema } from './api.ts';
import { createOpenAIProvider } from './provider.ts';

export default definePlugin({
  id: 'openai',
  apiVersion: PLUGIN_API_VERSION,
  description: 'OpenAI Chat Completions API',
  configSchema: openAIOptionsSchema,
  create: createOpenAIProvider,
});
