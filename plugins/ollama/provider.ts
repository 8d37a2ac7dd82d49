/** Wires one Ollama provider instance to its pool. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import { createUpstreamClient, probe } from '../_shared/http.ts';
import { DEFAULT_BASE_URL, ollamaHeaders, type OllamaOptions } from './api.ts';
import { ollamaChat } from './chat.ts';
import { ollamaEmbed } from './embed.ts';
import { listOllamaModels, ollamaVersion } from './models.ts';

export function createOllamaProvider(init: ProviderInit<OllamaOptions>): Provider {
  const client = createUpstreamClient(init.baseUrl ?? DEFAULT_BASE_URL, init.options);
  const headers = ollamaHeaders(init.apiKey);
  return {
    chat: (req) => ollamaChat(client, headers, init.options, req),
    embed: (req) => ollamaEmbed(client, headers, init.options, req),
    listModels: (signal) => listOllamaModels(client, headers, signal),
    health: (signal) => probe(() => ollamaVersion(client, headers, signal)),
    close: () => client.close(),
  };
}
