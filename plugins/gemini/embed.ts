/** Gemini models/{model}:batchEmbedContents: one request per text, vectors in input order. */
import type { EmbeddingRequest, EmbeddingResult } from '../plugin-api.ts';
import { streamError } from '../_shared/errors.ts';
import { readJson, type UpstreamClient } from '../_shared/http.ts';
import { countTextTokens } from '../_shared/tokens.ts';
import { modelId, modelPath } from './api.ts';
import { classifyGeminiError } from './errors.ts';

export async function geminiEmbed(client: UpstreamClient, headers: Record<string, string>, req: EmbeddingRequest): Promise<EmbeddingResult> {
  const model = `models/${modelId(req.model)}`;
  const requests = req.input.map((text) => ({
    model,
    content: { parts: [{ text }] },
    ...(req.dimensions !== undefined && { outputDimensionality: req.dimensions }),
  }));
  const res = await client.send(
    {
      method: 'POST',
      path: modelPath(req.model, 'batchEmbedContents'),
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
      signal: req.signal,
    },
    classifyGeminiError,
  );
  const json = (await readJson(res, req.signal)) as { embeddings?: { values?: unknown }[] };
  if (!Array.isArray(json.embeddings) || json.embeddings.length !== req.input.length || json.embeddings.some((e) => !Array.isArray(e.values))) {
    throw streamError(`batchEmbedContents answered ${json.embeddings?.length ?? 'no'} embeddings for ${req.input.length} inputs`, false);
  }
  // The Gemini API reports no token usage for embeddings; the texts are counted (cl100k_base, an estimate).
  return { embeddings: json.embeddings.map((e) => e.values as number[]), usage: { inputTokens: await countTextTokens(req.input) } };
}
