/** Stable embeddings: the same text always maps to the same unit vector, with no model behind it. */
import { createHash } from 'node:crypto';
import type { EmbeddingRequest, EmbeddingResult } from '../plugin-api.ts';
import type { MockOptions } from './api.ts';
import { countWords } from './chat.ts';
import { abortedFault, injectedFault } from './errors.ts';

export function mockVector(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) values.push(digest.readUInt16BE(i) / 32767.5 - 1);
  }
  const norm = Math.hypot(...values) || 1;
  // Rounded so the vector survives JSON and float32 round trips unchanged.
  return values.map((v) => Math.round((v / norm) * 1e6) / 1e6);
}

export async function mockEmbed(o: MockOptions, req: EmbeddingRequest, callIndex: number): Promise<EmbeddingResult> {
  if (req.signal.aborted) throw abortedFault(req.signal);
  if (callIndex < o.failFirst) throw injectedFault(o.failWith, o.retryAfterMs);
  const dimensions = req.dimensions ?? o.embeddingDimensions;
  return {
    embeddings: req.input.map((text) => mockVector(text, dimensions)),
    usage: { inputTokens: req.input.reduce((n, text) => n + Math.max(1, countWords(text)), 0) },
  };
}
