/**
 * Any OpenAI-protocol server (vLLM, LM Studio, DeepSeek, llama.cpp server, LocalAI...); counts tokens when the server reports none.
 * It declares everything the protocol carries; what a given server or model lacks is said in the gateway
 * config (the model's `capabilities`, and `options.embeddings: false` for servers without /embeddings).
 */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { createOpenAIStyleProvider, OPENAI_STYLE_FEATURES } from '../_shared/openai-style-provider.ts';
import { compatibleHeaders, compatibleOptionsSchema } from './api.ts';
import { classifyCompatibleError } from './errors.ts';

export default definePlugin({
  id: 'openai-compatible',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Any server speaking the OpenAI Chat Completions protocol',
  features: { ...OPENAI_STYLE_FEATURES, embeddings: true },
  configSchema: compatibleOptionsSchema,
  create(init) {
    // There is no sensible default host for "any server", so a missing URL is a config error.
    if (!init.baseUrl) throw new Error(`provider ${init.instanceId}: openai-compatible needs baseUrl (e.g. http://127.0.0.1:8000/v1)`);
    return createOpenAIStyleProvider({
      baseUrl: init.baseUrl,
      http: init.options,
      headers: compatibleHeaders(init.apiKey, init.options),
      classify: classifyCompatibleError,
      maxTokensField: init.options.maxTokensField,
      includeUsage: init.options.streamUsage,
      countMissingUsage: true,
      endUserField: 'user',
      embeddings: init.options.embeddings,
    });
  },
});
