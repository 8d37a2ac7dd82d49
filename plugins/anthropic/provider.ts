/** Wires one Anthropic provider instance to its pool. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import { createUpstreamClient, probe } from '../_shared/http.ts';
import { anthropicHeaders, DEFAULT_BASE_URL, type AnthropicOptions } from './api.ts';
import { anthropicChat } from './chat.ts';
import { listAnthropicModels } from './models.ts';

export function createAnthropicProvider(init: ProviderInit<AnthropicOptions>): Provider {
  const client = createUpstreamClient(init.baseUrl ?? DEFAULT_BASE_URL, init.options);
  const headers = anthropicHeaders(init.apiKey, init.options);
  return {
    chat: (req) => anthropicChat(client, headers, init.options, req),
    listModels: (signal) => listAnthropicModels(client, headers, signal),
    health: (signal) => probe(() => listAnthropicModels(client, headers, signal, 1)),
    close: () => client.close(),
  };
}
