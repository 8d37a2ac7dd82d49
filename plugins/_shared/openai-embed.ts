/** OpenAI Embeddings wire format (POST /embeddings), shared by the OpenAI-style plugins that embed. */
import type { EmbeddingRequest, EmbeddingResult } from '../plugin-api.ts';
import { streamError } from './errors.ts';
import { readJson } from './http.ts';
import type { OpenAIWireConfig } from './openai-wire.ts';
import { countTextTokens } from './tokens.ts';

interface EmbeddingsAnswer {
  data?: { index?: number; embedding?: unknown }[];
  usage?: { prompt_tokens?: number } | null;
}

/** Embeds texts in one call; vectors come back in input order whatever order the server lists them in. */
export async function openAIEmbed(cfg: OpenAIWireConfig, req: EmbeddingRequest): Promise<EmbeddingResult> {
  const body: Record<string, unknown> = { model: req.model, input: req.input, encoding_format: 'float' };
  if (req.dimensions !== undefined) body.dimensions = req.dimensions;
  // The Embeddings API kept `user` (Chat Completions moved to safety_identifier).
  if (req.endUser !== undefined) body.user = req.endUser;
  const res = await cfg.client.send(
    { method: 'POST', path: '/embeddings', headers: { ...cfg.headers, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: req.signal },
    cfg.classify,
  );
  const json = (await readJson(res, req.signal)) as EmbeddingsAnswer;
  if (!Array.isArray(json.data)) throw streamError('embeddings answer has no data array', false);
  const embeddings: number[][] = new Array(req.input.length);
  json.data.forEach((d, i) => {
    const at = d.index ?? i;
    if (!Array.isArray(d.embedding) || at < 0 || at >= req.input.length) throw streamError('embeddings answer has a malformed entry', false);
    embeddings[at] = d.embedding as number[];
  });
  if (json.data.length !== req.input.length || embeddings.some((v) => v === undefined)) {
    throw streamError(`embeddings answer has ${json.data.length} vectors for ${req.input.length} inputs`, false);
  }
  let inputTokens = json.usage?.prompt_tokens;
  if (typeof inputTokens !== 'number') {
    if (!cfg.countMissingUsage) throw streamError('upstream sent no usage', false);
    inputTokens = await countTextTokens(req.input);
  }
  return { embeddings, usage: { inputTokens } };
}
