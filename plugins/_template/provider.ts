/** Wires one Acme instance to its connection pool. No I/O here: the pool connects on first use. */
import type { Provider, ProviderInit } from '../plugin-api.ts';
import { createUpstreamClient, probe, readJson } from '../_shared/http.ts';
import { acmeHeaders, DEFAULT_BASE_URL, type AcmeOptions } from './api.ts';
import { acmeChat } from './chat.ts';
import { classifyAcmeError } from './errors.ts';

export function createAcmeProvider(init: ProviderInit<AcmeOptions>): Provider {
  const client = createUpstreamClient(init.baseUrl ?? DEFAULT_BASE_URL, init.options);
  const headers = acmeHeaders(init.apiKey, init.options);
  const listModels = async (signal?: AbortSignal) => {
    const res = await client.send({ method: 'GET', path: '/models', headers, signal }, classifyAcmeError);
    const json = (await readJson(res, signal)) as { ids?: unknown };
    return Array.isArray(json.ids) ? json.ids.filter((id): id is string => typeof id === 'string').map((id) => ({ id })) : [];
  };
  return {
    chat: (req) => acmeChat(client, headers, req),
    listModels,
    health: (signal) => probe(() => listModels(signal)),
    close: () => client.close(),
  };
}
