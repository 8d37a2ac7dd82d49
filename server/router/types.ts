/** The router's public types: what callers send, what they get back, and how the router is built. */
import type { ChatRequest, EmbeddingRequest, FinishReason, PluginFeatures, Provider, ProviderError, TokenUsage } from '../../plugins/plugin-api.ts';
import type { GatewayConfig } from '../config/schema.ts';
import type { CircuitBreaker, CircuitState } from './circuit-breaker.ts';
import type { ProviderStats } from './provider-stats.ts';
import type { Attempt } from './errors.ts';
import type { ModelCapabilities } from './features.ts';

/** A chat request without the provider-specific parts the router fills in. */
export type RouterRequest = Omit<ChatRequest, 'model' | 'signal' | 'traceHeaders'> & {
  /** The gateway request this chat serves; tags failure reports and error messages. Not sent upstream. */
  requestId?: string;
  /** Told of each provider attempt (a trace span per attempt); its headers go upstream. Not sent upstream itself. */
  watch?: AttemptWatcher;
};

/** Follows provider attempts for tracing; must be cheap and must not throw. */
export interface AttemptWatcher {
  /** An attempt starts: `headers` (W3C trace context) go upstream with it, `end` is called once when it ends. */
  start(provider: string, model: string): { headers?: Readonly<Record<string, string>>; end(failure?: ProviderError): void };
}

/** An embeddings request without the provider-specific parts the router fills in. */
export type EmbedRouterRequest = Omit<EmbeddingRequest, 'model' | 'signal'> & {
  /** The gateway request this call serves; tags failure reports and error messages. Not sent upstream. */
  requestId?: string;
  /** Follows each attempt (a span per attempt when tracing). The embedding plugin API carries no trace headers, so the vendor does not join the trace. */
  watch?: AttemptWatcher;
};

/** What `router.embed` answers. */
export interface EmbedResult {
  /** One vector per input, in input order. */
  embeddings: number[][];
  usage: { inputTokens: number };
  /** Provider instance and model that answered. */
  provider: string;
  model: string;
  /** Every attempt in order, the successful one last. */
  attempts: Attempt[];
  /** Wall time of the whole request, retries included. */
  latencyMs: number;
}

/** One failed attempt with the upstream's own words, for the server log only. */
export interface AttemptFailure {
  requestId?: string;
  /** Provider instance id and the provider's model id. */
  provider: string;
  model: string;
  /** The classified error; its message and cause hold the upstream's text. */
  error: ProviderError;
  /** The attempt as clients and the audit trail see it (generic reason). */
  attempt: Attempt;
  /** The request as sent, so a reporter can keep the prompt (or the texts to embed) out of what it logs. */
  request: RouterRequest | EmbedRouterRequest;
}

/** What `router.stream` yields: deltas in order, then exactly one `done`. */
export type RouterEvent =
  | { type: 'delta'; text: string }
  /** A piece of a tool call, as the provider streams it (see ChatChunk). */
  | { type: 'tool_call'; index: number; id?: string; name?: string; arguments?: string }
  | {
      type: 'done';
      usage: TokenUsage;
      finishReason?: FinishReason;
      /** Provider instance and model that answered. */
      provider: string;
      model: string;
      /** Every attempt in order, the successful one last. */
      attempts: Attempt[];
      /** Wall time of the whole request, retries included. */
      latencyMs: number;
    };

export interface ProviderDescription {
  id: string;
  plugin: string;
  /** False when the instance failed to load or validate. */
  available: boolean;
  circuit: CircuitState;
  /** Over the last five minutes. */
  errorRate: number;
  p50LatencyMs: number | null;
  requests: number;
}

export interface ModelDescription {
  name: string;
  primary: { provider: string; model: string };
  fallbacks: { provider: string; model: string }[];
  /** What the model can do: configured flags, else derived from its providers' plugins (see server/router/features.ts). */
  capabilities: ModelCapabilities;
}

export interface Router {
  /**
   * Streams a chat for a gateway model name. Throws (from the iterator)
   * `RouterError` with code MODEL_NOT_FOUND, PROVIDER_UNAVAILABLE, OVERLOADED,
   * BAD_REQUEST or ABORTED before any delta, or `StreamInterruptedError` after one.
   * BAD_REQUEST also answers a request using a feature (tools, images,
   * json_object, json_schema) that no provider of the model can serve; its
   * message names the feature and each provider.
   * Breaking out of the iteration aborts the upstream call.
   */
  stream(modelName: string, request: RouterRequest, signal?: AbortSignal): AsyncIterable<RouterEvent>;
  /**
   * Embeds texts with a gateway model, with the same retries, backoff, fallback,
   * circuit breakers and concurrency limits as chats. Throws `RouterError`
   * (MODEL_NOT_FOUND, PROVIDER_UNAVAILABLE, OVERLOADED, BAD_REQUEST, ABORTED);
   * BAD_REQUEST when no provider of the model can embed.
   */
  embed(modelName: string, request: EmbedRouterRequest, signal?: AbortSignal): Promise<EmbedResult>;
  describe(): { providers: ProviderDescription[]; models: ModelDescription[] };
}

export interface RouterOptions {
  config: Pick<GatewayConfig, 'providers' | 'models' | 'resilience'>;
  /** Running instances by id; a configured instance missing here is skipped as unavailable. */
  providers: Map<string, Provider>;
  /**
   * What each running instance's plugin declares it can do, by instance id (the
   * plugin host's `features`). An instance missing here is served text only.
   */
  features?: Map<string, PluginFeatures>;
  /** Monotonic milliseconds; injectable for tests. */
  clock?: () => number;
  /** Abortable delay used for backoff; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /**
   * Called for every failed attempt with the upstream's own error text, which
   * clients and the audit trail never see (they get `publicReason`). Must not throw.
   */
  onAttemptFailure?: (failure: AttemptFailure) => void;
  /**
   * Each provider's circuit breaker and recent statistics, by instance id. The
   * router takes the ones it finds and adds the ones it makes, so handing the
   * map of the router this one replaces keeps circuit state and error rates
   * across a rebuild (leave out the providers whose settings changed).
   */
  health?: Map<string, ProviderHealth>;
}

/** What a provider's slot remembers between routers (see RouterOptions.health). */
export interface ProviderHealth {
  breaker: CircuitBreaker;
  stats: ProviderStats;
}
