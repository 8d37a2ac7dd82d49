/** Gemini API (Google AI Studio) endpoint, headers and options. */
import type { z } from 'zod';
import { httpOptionsSchema } from '../_shared/http.ts';

export const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

export const geminiOptionsSchema = httpOptionsSchema;
export type GeminiOptions = z.infer<typeof geminiOptionsSchema>;

// The key goes in a header rather than `?key=` so it never lands in proxy access logs.
export function geminiHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { 'x-goog-api-key': apiKey } : {};
}

/** A model id without the API's `models/` prefix (both spellings are accepted). */
export const modelId = (model: string) => (model.startsWith('models/') ? model.slice(7) : model);

/** Accepts both `gemini-2.0-flash` and the API's own `models/gemini-2.0-flash`. */
export function modelPath(model: string, method: 'generateContent' | 'streamGenerateContent' | 'batchEmbedContents'): string {
  return `/models/${encodeURIComponent(modelId(model))}:${method}${method === 'streamGenerateContent' ? '?alt=sse' : ''}`;
}
