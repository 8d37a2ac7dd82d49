/** Wires one Gemini provider instance to its pool. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import { createUpstreamClient, probe } from '../_shared/http.ts';
import { DEFAULT_BASE_URL, geminiHeaders, type GeminiOptions } from './api.ts';
import { geminiChat } from './chat.ts';
import { geminiEmbed } from './embed.ts';
import { listGeminiModels } from './models.ts';
import { ThoughtSignatures } from './request.ts';

export function createGeminiProvider(init: ProviderInit<GeminiOptions>): Provider {
  const client = createUpstreamClient(init.baseUrl ?? DEFAULT_BASE_URL, init.options);
  const headers = geminiHeaders(init.apiKey);
  const signatures = new ThoughtSignatures();
  return {
    chat: (req) => geminiChat(client, headers, signatures, req),
    embed: (req) => geminiEmbed(client, headers, req),
    listModels: (signal) => listGeminiModels(client, headers, signal),
    health: (signal) => probe(() => listGeminiModels(client, headers, signal, 1)),
    close: () => client.close(),
  };
}
