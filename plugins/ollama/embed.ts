/** Ollama POST /api/embed: all texts in one call, with the prompt tokens it evaluated. */
import type { EmbeddingRequest, EmbeddingResult } from '../plugin-api.ts';
import { streamError } from '../_shared/errors.ts';
import { readJson, type UpstreamClient } from '../_shared/http.ts';
import { countTextTokens } from '../_shared/tokens.ts';
import type { OllamaOptions } from './api.ts';
import { classifyOllamaError } from './errors.ts';

export async function ollamaEmbed(client: UpstreamClient, headers: Record<string, string>, o: OllamaOptions, req: EmbeddingRequest): Promise<EmbeddingResult> {
  const body: Record<string, unknown> = { model: req.model, input: req.input };
  if (req.dimensions !== undefined) body.dimensions = req.dimensions;
  if (o.keepAlive) body.keep_alive = o.keepAlive;
  if (o.numCtx) body.options = { num_ctx: o.numCtx };
  const res = await client.send(
    { method: 'POST', path: '/api/embed', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: req.signal },
    classifyOllamaError,
  );
  const json = (await readJson(res, req.signal)) as { embeddings?: unknown[]; prompt_eval_count?: number };
  if (!Array.isArray(json.embeddings) || json.embeddings.length !== req.input.length || json.embeddings.some((e) => !Array.isArray(e))) {
    throw streamError(`/api/embed answered ${json.embeddings?.length ?? 'no'} embeddings for ${req.input.length} inputs`, false);
  }
  const inputTokens = typeof json.prompt_eval_count === 'number' ? json.prompt_eval_count : await countTextTokens(req.input);
  return { embeddings: json.embeddings as number[][], usage: { inputTokens } };
}
