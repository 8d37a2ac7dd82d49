/** OpenRouter: OpenAI-style API in front of many vendors' models; mid-stream `error` chunks are handled by the shared parser. */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { createOpenAIStyleProvider, OPENAI_STYLE_FEATURES } from '../_shared/openai-style-provider.ts';
import { DEFAULT_BASE_URL, openRouterHeaders, openRouterOptionsSchema } from './api.ts';
import { classifyOpenRouterError } from './errors.ts';

export default definePlugin({
  id: 'openrouter',
  apiVersion: PLUGIN_API_VERSION,
  description: 'OpenRouter (OpenAI-compatible routing service)',
  features: { ...OPENAI_STYLE_FEATURES, embeddings: false },
  configSchema: openRouterOptionsSchema,
  create: (init) =>
    createOpenAIStyleProvider({
      baseUrl: init.baseUrl ?? DEFAULT_BASE_URL,
      http: init.options,
      headers: openRouterHeaders(init.apiKey, init.options),
      classify: classifyOpenRouterError,
      maxTokensField: 'max_tokens',
      includeUsage: true,
      countMissingUsage: true,
      endUserField: 'user',
      embeddings: false,
    }),
});
