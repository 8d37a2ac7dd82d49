/** One mock instance: no network, a call counter (chats and embeddings) for `failFirst`. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import type { MockOptions } from './api.ts';
import { mockChat } from './chat.ts';
import { mockEmbed } from './embed.ts';

export function createMockProvider(init: ProviderInit<MockOptions>): Provider {
  const o = init.options;
  let calls = 0;
  return {
    chat: (req) => mockChat(o, req, calls++),
    embed: (req) => mockEmbed(o, req, calls++),
    listModels: async () => o.models.map((id) => ({ id })),
    health: async () => (o.healthy ? { ok: true, latencyMs: 0 } : { ok: false, latencyMs: 0, detail: 'mock: configured unhealthy' }),
  };
}
