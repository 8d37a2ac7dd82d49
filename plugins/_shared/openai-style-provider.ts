/**
 * One Provider for a vendor speaking the OpenAI Chat Completions protocol. The
 * OpenAI-style plugins (openai, openrouter, openai-compatible) differ only in
 * the settings below; each keeps its own folder for its options, headers and
 * error hints, and builds its instances here. Not a provider itself.
 */
import type { Provider } from '../plugin-api.ts';
import { createUpstreamClient, probe, type HttpOptions } from './http.ts';
import { listOpenAIModels, openAIChat, type OpenAIWireConfig } from './openai-wire.ts';

export interface OpenAIStyleProviderSettings extends Omit<OpenAIWireConfig, 'client'> {
  /** The vendor's API root, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  /** The instance's connection options (timeouts, pool size, extra headers). */
  http: HttpOptions;
}

export function createOpenAIStyleProvider({ baseUrl, http, ...wire }: OpenAIStyleProviderSettings): Provider {
  const client = createUpstreamClient(baseUrl, http);
  const cfg: OpenAIWireConfig = { client, ...wire };
  return {
    chat: (req) => openAIChat(cfg, req),
    listModels: (signal) => listOpenAIModels(cfg, signal),
    health: (signal) => probe(() => listOpenAIModels(cfg, signal)),
    close: () => client.close(),
  };
}
