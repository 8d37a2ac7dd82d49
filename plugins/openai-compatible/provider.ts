/** Chat against any OpenAI-protocol server; counts tokens when the server reports none. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import { createUpstreamClient, probe } from '../_shared/http.ts';
import { listOpenAIModels, openAIChat, type OpenAIWireConfig } from '../_shared/openai-wire.ts';
import { compatibleHeaders, type CompatibleOptions } from './api.ts';
import { classifyCompatibleError } from './errors.ts';

export function createCompatibleProvider(init: ProviderInit<CompatibleOptions>): Provider {
  // There is no sensible default host for "any server", so a missing URL is a config error.
  if (!init.baseUrl) throw new Error(`provider ${init.instanceId}: openai-compatible needs baseUrl (e.g. http://127.0.0.1:8000/v1)`);
  const client = createUpstreamClient(init.baseUrl, init.options);
  const cfg: OpenAIWireConfig = {
    client,
    headers: compatibleHeaders(init.apiKey, init.options),
    classify: classifyCompatibleError,
    maxTokensField: init.options.maxTokensField,
    includeUsage: init.options.streamUsage,
    countMissingUsage: true,
  };
  return {
    chat: (req) => openAIChat(cfg, req),
    listModels: (signal) => listOpenAIModels(cfg, signal),
    health: (signal) => probe(() => listOpenAIModels(cfg, signal)),
    close: () => client.close(),
  };
}
