/** Any OpenAI-protocol server (vLLM, LM Studio, DeepSeek, llama.cpp server, LocalAI...). */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { compatibleOptionsSchema } from './api.ts';
import { createCompatibleProvider } from './provider.ts';

export default definePlugin({
  id: 'openai-compatible',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Any server speaking the OpenAI Chat Completions protocol',
  configSchema: compatibleOptionsSchema,
  create: createCompatibleProvider,
});
