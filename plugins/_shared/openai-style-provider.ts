/**
 * One Provider for a vendor speaking the OpenAI Chat Completions protocol. The
 * OpenAI-style plugins (openai, openrouter, openai-compatible) differ only in
 * the settings below; each keeps its own folder for its options, headers and
 * error hints, and builds its instances here. Not a provider itself.
 */
import type { PluginFeatures, Provider } from '../plugin-api.ts';
import { createUpstreamClient, probe, type HttpOptions } from './http.ts';
import { openAIEmbed } from './openai-embed.ts';
import { listOpenAIModels, openAIChat, type OpenAIWireConfig } from './openai-wire.ts';

/**
 * What the OpenAI protocol carries: tools, images (URLs and inline), JSON
 * object and JSON schema answers. Embeddings are per vendor (`embeddings` below).
 */
export const OPENAI_STYLE_FEATURES: Omit<PluginFeatures, 'embeddings'> = { tools: true, images: true, jsonObject: true, jsonSchema: true };

export interface OpenAIStyleProviderSettings extends Omit<OpenAIWireConfig, 'client'> {
  /** The vendor's API root, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  /** The instance's connection options (timeouts, pool size, extra headers). */
  http: HttpOptions;
  /** The vendor serves POST /embeddings: the instance gets `embed`. */
  embeddings: boolean;
}

export function createOpenAIStyleProvider({ baseUrl, http, embeddings, ...wire }: OpenAIStyleProviderSettings): Provider {
  const client = createUpstreamClient(baseUrl, http);
  const cfg: OpenAIWireConfig = { client, ...wire };
  return {
    chat: (req) => openAIChat(cfg, req),
    ...(embeddings && { embed: (req) => openAIEmbed(cfg, req) }),
    listModels: (signal) => listOpenAIModels(cfg, signal),
    health: (signal) => probe(() => listOpenAIModels(cfg, signal)),
    close: () => client.close(),
  };
}
