export { backoffDelay, type BackoffOptions } from './backoff.ts';
export { CircuitBreaker, type CircuitOptions, type CircuitState } from './circuit-breaker.ts';
export { RouterError, StreamInterruptedError, type Attempt, type RouterErrorCode } from './errors.ts';
export { publicReason } from './public-reason.ts';
export { ProviderStats, type StatsSnapshot } from './provider-stats.ts';
export { countsAgainstProvider, decideRetry, type RetryContext, type RetryDecision } from './retry-policy.ts';
export {
  createRouter,
  type ModelDescription,
  type ProviderDescription,
  type ProviderHealth,
  type Router,
  type RouterEvent,
  type RouterOptions,
  type RouterRequest,
  type AttemptFailure,
  type AttemptWatcher,
  type EmbedResult,
  type EmbedRouterRequest,
} from './router.ts';
export { modelCapabilities, requiredFeatures, unsupportedReason, type ModelCapabilities, type RequestFeature } from './features.ts';
