/** Google Gemini API over a keep-alive undici pool (see plugins/README.md for why not @google/genai). */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { geminiOptionsSchema } from './api.ts';
import { createGeminiProvider } from './provider.ts';

export default definePlugin({
  id: 'gemini',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Google Gemini API (generateContent)',
  features: { tools: true, images: true, jsonObject: true, jsonSchema: true, embeddings: true },
  configSchema: geminiOptionsSchema,
  create: createGeminiProvider,
});
