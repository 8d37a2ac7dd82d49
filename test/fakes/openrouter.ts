/** Fake OpenRouter: the OpenAI wire format under `/api/v1`. */
import type { FakeUpstream } from './fake-server.ts';
import { startFakeOpenAI, type FakeOpenAIOptions } from './openai.ts';

export function startFakeOpenRouter(o: FakeOpenAIOptions = {}): Promise<FakeUpstream> {
  return startFakeOpenAI({ models: ['openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku'], ...o, prefix: '/api/v1' });
}
