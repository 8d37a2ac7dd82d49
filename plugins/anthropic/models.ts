/** Anthropic GET /v1/models (paginated with `after_id`) and the health probe built on it. */
import type { ModelInfo } from '../plugin-api.ts';
import { streamError } from '../_shared/errors.ts';
import { readJson, type UpstreamClient } from '../_shared/http.ts';
import { classifyAnthropicError } from './errors.ts';

export async function listAnthropicModels(
  client: UpstreamClient,
  headers: Record<string, string>,
  signal?: AbortSignal,
  limit = 1000,
): Promise<ModelInfo[]> {
  const out: ModelInfo[] = [];
  let after = '';
  // A page cap guards against an upstream that keeps saying has_more.
  for (let page = 0; page < 10; page++) {
    const path = `/v1/models?limit=${limit}${after ? `&after_id=${encodeURIComponent(after)}` : ''}`;
    const res = await client.send({ method: 'GET', path, headers, signal }, classifyAnthropicError);
    const json = (await readJson(res, signal)) as { data?: { id?: string }[]; has_more?: boolean; last_id?: string };
    if (!Array.isArray(json.data)) throw streamError('models list has no data array', false);
    for (const m of json.data) if (typeof m.id === 'string') out.push({ id: m.id });
    if (!json.has_more || !json.last_id || limit === 1) break;
    after = json.last_id;
  }
  return out;
}
