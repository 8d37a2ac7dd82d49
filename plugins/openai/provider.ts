/** OpenAI chat: the shared Chat Completions wire code with OpenAI's settings. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import { createUpstreamClient, probe } from '../_shared/http.ts';
import { listOpenAIModels, openAIChat, type OpenAIWireConfig } from '../_shared/openai-wire.ts';
import { DEFAULT_BASE_URL, openAIHeaders, type OpenAIOptions } from './api.ts';
import { classifyOpenAIError } from './errors.ts';

export function createOpenAIProvider(init: ProviderInit<OpenAIOptions>): Provider {
  const client = createUpstreamClient(init.baseUrl ?? DEFAULT_BASE_URL, init.options);
  const cfg: OpenAIWireConfig = {
    client,
    headers: openAIHeaders(init.apiKey, init.options),
    classify: classifyOpenAIError,
    maxTokensField: 'max_completion_tokens',
    includeUsage: true,
    // OpenAI always reports usage when asked; counting is a fallback for proxies that strip it.
    countMissingUsage: true,
  };
  return {
    chat: (req) => openAIChat(cfg, req),
    listModels: (signal) => listOpenAIModels(cfg, signal),
    health: (signal) => probe(() => listOpenAIModels(cfg, signal)),
    close: () => client.close(),
  };
}
