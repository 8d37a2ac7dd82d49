/** Gemini GET /models (paginated with pageToken), ids without the `models/` prefix. */
import type { ModelInfo } from '../plugin-api.ts';
import { streamError } from '../_shared/errors.ts';
import { readJson, type UpstreamClient } from '../_shared/http.ts';
import { classifyGeminiError } from './errors.ts';

export async function listGeminiModels(
  client: UpstreamClient,
  headers: Record<string, string>,
  signal?: AbortSignal,
  pageSize = 1000,
): Promise<ModelInfo[]> {
  const out: ModelInfo[] = [];
  let token = '';
  for (let page = 0; page < 10; page++) {
    const path = `/models?pageSize=${pageSize}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`;
    const res = await client.send({ method: 'GET', path, headers, signal }, classifyGeminiError);
    const json = (await readJson(res, signal)) as { models?: { name?: string }[]; nextPageToken?: string };
    if (!Array.isArray(json.models)) throw streamError('models list has no models array', false);
    for (const m of json.models) if (typeof m.name === 'string') out.push({ id: m.name.replace(/^models\//, '') });
    if (!json.nextPageToken || pageSize === 1) break;
    token = json.nextPageToken;
  }
  return out;
}
