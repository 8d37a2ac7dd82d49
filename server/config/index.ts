export { ConfigError, DEFAULT_CONFIG_FILE, defaultConfig, loadConfig, parseConfig } from './load-config.ts';
export {
  gatewayConfigSchema,
  modelSchema,
  providerSchema,
  resilienceSchema,
  type GatewayConfig,
  type ModelConfig,
  type ProviderConfig,
  type ResilienceConfig,
  type PricingConfig,
  type AlertsConfig,
  type WebhookConfig,
} from './schema.ts';
