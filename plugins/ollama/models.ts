/** Ollama GET /api/tags (local models) and GET /api/version (the cheapest liveness probe). */
import type { ModelInfo } from '../plugin-api.ts';
import { streamError } from '../_shared/errors.ts';
import { readJson, type UpstreamClient } from '../_shared/http.ts';
import { classifyOllamaError } from './errors.ts';

export async function listOllamaModels(client: UpstreamClient, headers: Record<string, string>, signal?: AbortSignal): Promise<ModelInfo[]> {
  const res = await client.send({ method: 'GET', path: '/api/tags', headers, signal }, classifyOllamaError);
  const json = (await readJson(res, signal)) as { models?: { name?: string }[] };
  if (!Array.isArray(json.models)) throw streamError('tags answer has no models array', false);
  return json.models.filter((m) => typeof m.name === 'string').map((m) => ({ id: m.name as string }));
}

export async function ollamaVersion(client: UpstreamClient, headers: Record<string, string>, signal?: AbortSignal): Promise<string> {
  const res = await client.send({ method: 'GET', path: '/api/version', headers, signal }, classifyOllamaError);
  const json = (await readJson(res, signal)) as { version?: string };
  return json.version ?? 'unknown';
}
