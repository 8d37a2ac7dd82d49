/** In-process plugins for router tests: declared features, scripted answers, and a record of every call. */
import { z } from 'zod';
import {
  definePlugin,
  PLUGIN_API_VERSION,
  type ChatChunk,
  type ChatRequest,
  type EmbeddingRequest,
  type EmbeddingResult,
  type PluginFeatures,
  type ProviderPlugin,
} from '../../plugins/plugin-api.ts';

export interface StubPlugin {
  plugin: ProviderPlugin<unknown>;
  chats: ChatRequest[];
  embeds: EmbeddingRequest[];
}

export interface StubBehaviour {
  /** Answers a chat; default: the text `ok from <id>`, then usage. */
  chat?: (req: ChatRequest, call: number) => AsyncGenerator<ChatChunk>;
  /** Present only when given: answers an embeddings call. */
  embed?: (req: EmbeddingRequest, call: number) => Promise<EmbeddingResult>;
}

export function stubPlugin(id: string, features: PluginFeatures | undefined, behaviour: StubBehaviour = {}): StubPlugin {
  const chats: ChatRequest[] = [];
  const embeds: EmbeddingRequest[] = [];
  const answer = async function* (): AsyncGenerator<ChatChunk> {
    yield { type: 'delta', text: `ok from ${id}` };
    yield { type: 'usage', usage: { inputTokens: 3, outputTokens: 3 }, finishReason: 'stop' };
  };
  const plugin = definePlugin<unknown>({
    id,
    apiVersion: PLUGIN_API_VERSION,
    features,
    configSchema: z.unknown(),
    create: () => ({
      chat: (req) => {
        chats.push(req);
        return (behaviour.chat ?? answer)(req, chats.length - 1);
      },
      ...(behaviour.embed && {
        embed: (req: EmbeddingRequest) => {
          embeds.push(req);
          return behaviour.embed!(req, embeds.length - 1);
        },
      }),
      listModels: async () => [{ id: 'fake-model-a' }],
      health: async () => ({ ok: true, latencyMs: 0 }),
    }),
  });
  return { plugin, chats, embeds };
}

export const ALL: PluginFeatures = { tools: true, images: true, jsonObject: true, jsonSchema: true, embeddings: true };
export const TEXT: PluginFeatures = { tools: false, images: false, jsonObject: false, jsonSchema: false, embeddings: false };
