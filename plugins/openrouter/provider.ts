/** OpenRouter chat: OpenAI wire format; mid-stream `error` chunks are handled by the shared parser. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import { createUpstreamClient, probe } from '../_shared/http.ts';
import { listOpenAIModels, openAIChat, type OpenAIWireConfig } from '../_shared/openai-wire.ts';
import { DEFAULT_BASE_URL, openRouterHeaders, type OpenRouterOptions } from './api.ts';
import { classifyOpenRouterError } from './errors.ts';

export function createOpenRouterProvider(init: ProviderInit<OpenRouterOptions>): Provider {
  const client = createUpstreamClient(init.baseUrl ?? DEFAULT_BASE_URL, init.options);
  const cfg: OpenAIWireConfig = {
    client,
    headers: openRouterHeaders(init.apiKey, init.options),
    classify: classifyOpenRouterError,
    maxTokensField: 'max_tokens',
    includeUsage: true,
    countMissingUsage: true,
  };
  return {
    chat: (req) => openAIChat(cfg, req),
    listModels: (signal) => listOpenAIModels(cfg, signal),
    health: (signal) => probe(() => listOpenAIModels(cfg, signal)),
    close: () => client.close(),
  };
}
