/** OpenRouter: OpenAI-style API in front of many vendors' models. */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { openRouterOptionsSchema } from './api.ts';
import { createOpenRouterProvider } from './provider.ts';

export default definePlugin({
  id: 'openrouter',
  apiVersion: PLUGIN_API_VERSION,
  description: 'OpenRouter (OpenAI-compatible routing service)',
  configSchema: openRouterOptionsSchema,
  create: createOpenRouterProvider,
});
