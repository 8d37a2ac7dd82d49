/** Built-in deterministic provider with no network, for the offline demo and for tests. */
import { definePlugin, PLUGIN_API_VERSION } from '../plugin-api.ts';
import { mockOptionsSchema } from './api.ts';
import { createMockProvider } from './provider.ts';

export default definePlugin({
  id: 'mock',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Deterministic offline provider with fault injection',
  configSchema: mockOptionsSchema,
  create: createMockProvider,
});
