/** Error classification for generic OpenAI-protocol servers: `retry-after` only, no vendor hints. */
import type { HeaderValue } from '../_shared/errors.ts';
import { classifyOpenAIStyle } from '../_shared/openai-wire.ts';

export const classifyCompatibleError = (status: number, headers: Record<string, HeaderValue>, body: string) =>
  classifyOpenAIStyle(status, headers, body);
