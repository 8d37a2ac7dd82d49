/** OpenAI Chat Completions over a keep-alive undici pool (see plugins/README.md for why not the SDK). */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { createOpenAIStyleProvider, OPENAI_STYLE_FEATURES } from '../_shared/openai-style-provider.ts';
import { DEFAULT_BASE_URL, openAIHeaders, openAIOptionsSchema } from './api.ts';
import { classifyOpenAIError } from './errors.ts';

export default definePlugin({
  id: 'openai',
  apiVersion: PLUGIN_API_VERSION,
  description: 'OpenAI Chat Completions API',
  features: { ...OPENAI_STYLE_FEATURES, embeddings: true },
  configSchema: openAIOptionsSchema,
  create: (init) =>
    createOpenAIStyleProvider({
      baseUrl: init.baseUrl ?? DEFAULT_BASE_URL,
      http: init.options,
      headers: openAIHeaders(init.apiKey, init.options),
      classify: classifyOpenAIError,
      maxTokensField: 'max_completion_tokens',
      includeUsage: true,
      // OpenAI always reports usage when asked; counting is a fallback for proxies that strip it.
      countMissingUsage: true,
      endUserField: 'safety_identifier',
      embeddings: true,
    }),
});
