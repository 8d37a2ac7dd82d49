/**
 * The one provider interface. Every folder under `plugins/` default-exports a
 * `ProviderPlugin`; the gateway's plugin host discovers, validates and registers
 * them. Nothing in this file imports from a provider folder.
 */
import type { z } from 'zod';

/** The plugin API version this gateway speaks. A plugin declaring another major is refused. */
export const PLUGIN_API_VERSION = 1;

/** One message of a conversation, in the gateway's vendor-neutral shape. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A chat request as the router hands it to a provider. */
export interface ChatRequest {
  /** The provider's own model id (after the gateway's model-name mapping). */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  /**
   * `false` when the caller only needs the whole answer (a non-streaming API call):
   * the provider may then make one non-streaming upstream call, which is cheaper
   * to parse, and yield the text as a single delta. Defaults to streaming.
   */
  stream?: boolean;
  /** Aborted when the client disconnects or the attempt times out; the provider must stop its upstream call. */
  signal: AbortSignal;
}

/** Token counts as reported by the vendor (or counted with a tokenizer where the vendor reports none). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What a provider's stream yields: text deltas in order, then exactly one `usage` event last. */
export type ChatChunk =
  | { type: 'delta'; text: string }
  | { type: 'usage'; usage: TokenUsage; finishReason?: string };

/** A model the provider reports it can serve. */
export interface ModelInfo {
  id: string;
}

/** Result of a provider health check. */
export interface HealthStatus {
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

/** A running provider instance, created by a plugin from one validated config entry. */
export interface Provider {
  /**
   * Streams one chat. Yields `delta` chunks in order and ends with one `usage` chunk.
   * Failures are thrown as `ProviderError` (classified by the plugin) both before
   * the first chunk and mid-stream.
   */
  chat(request: ChatRequest): AsyncIterable<ChatChunk>;
  /** The models the upstream reports. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** A cheap liveness probe of the upstream. Never throws. */
  health(signal?: AbortSignal): Promise<HealthStatus>;
  /** Releases pooled connections; called at shutdown. */
  close?(): Promise<void>;
}

/** What the host passes to `create`: the instance's settings from the gateway config. */
export interface ProviderInit<Options> {
  /** The provider instance id from the config (e.g. `openai-eu`). */
  instanceId: string;
  /** Upstream base URL; plugins supply their vendor's default when absent. */
  baseUrl?: string;
  /** The API key, already read from the environment variable the config names. */
  apiKey?: string;
  /** Plugin-specific options, already validated against `configSchema`. */
  options: Options;
}

/** A provider plugin: a plain object, versioned, with a schema for its options. */
export interface ProviderPlugin<Options = unknown> {
  /** Unique plugin id, equal to its folder name by convention (e.g. `anthropic`). */
  id: string;
  /** The plugin API version the plugin was written against; must equal `PLUGIN_API_VERSION`. */
  apiVersion: number;
  /** One-line human description shown in `Query.providers`. */
  description?: string;
  /**
   * zod schema of the plugin-specific `options` object of a provider instance.
   * Its input is `unknown` so schemas with defaults (whose input differs from
   * their output) fit.
   */
  configSchema: z.ZodType<Options, z.ZodTypeDef, unknown>;
  /** Creates a provider instance. Must not do network I/O (the host calls `health` for that). */
  create(init: ProviderInit<Options>): Provider;
}

/** Why an attempt failed, as the plugin classifies it. */
export type ProviderErrorKind =
  | 'network' // connection refused/reset, DNS
  | 'timeout'
  | 'rate_limited' // 429
  | 'server' // 5xx
  | 'auth' // 401/403: our key is bad; another provider may still help
  | 'bad_request' // 400/404/422: the request itself cannot succeed anywhere as is
  | 'stream' // the stream broke or was malformed mid-way
  | 'aborted'; // the caller aborted

/** A classified provider failure. The router decides retry and fallback from these fields alone. */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** Upstream HTTP status, when there was one. */
  readonly status?: number;
  /** Whether retrying the same provider may succeed. */
  readonly retryable: boolean;
  /** Upstream's requested delay (from `retry-after`), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    init: { kind: ProviderErrorKind; status?: number; retryable: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.status = init.status;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Type helper so a plugin file gets full inference: `export default definePlugin({...})`. */
export function definePlugin<Options>(plugin: ProviderPlugin<Options>): ProviderPlugin<Options> {
  return plugin;
}
