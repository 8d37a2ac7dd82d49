import type { Logger } from 'pino';
import type { GatewayConfig } from './config/index.ts';
import { bootProviders } from './plugin-host/index.ts';
import { createRouter } from './router/index.ts';
import type { ProviderRuntime } from './app-state.ts';

/**
 * Boots the configured providers and the router over them. A plugin or
 * instance that fails is logged by name with the reason; the rest serve.
 */
export async function startProviders(config: GatewayConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<ProviderRuntime> {
  const booted = await bootProviders({ config, logger, env });
  const router = createRouter({ config, providers: booted.providers });
  logger.info({ plugins: [...booted.plugins.keys()], providers: [...booted.providers.keys()], models: config.models.map((m) => m.name) }, 'providers ready');
  return {
    router,
    instances: booted.providers,
    modelNames: new Set(config.models.map((m) => m.name)),
    failures: [...booted.failures.plugins, ...booted.failures.providers],
    close: booted.close,
  };
}
