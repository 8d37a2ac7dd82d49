/**
 * The one provider interface. Every folder under `plugins/` default-exports a
 * `ProviderPlugin`; the gateway's plugin host discovers, validates and registers
 * them. Nothing in this file imports from a provider folder.
 *
 * Version 2 carries full chat fidelity: content parts (text and images), tool
 * definitions and calls, tool results, response formats (JSON object, JSON
 * schema), sampling options, normalised finish reasons, cached input tokens,
 * and embeddings. A version 1 plugin still loads, for text-only chats.
 */
import type { z } from 'zod';

/** The plugin API version this gateway speaks. Plugins of an older major that the host can adapt still load. */
export const PLUGIN_API_VERSION = 2;
/** Versions the host accepts: 1 (text only, adapted) and 2. */
export const SUPPORTED_PLUGIN_API_VERSIONS: readonly number[] = [1, 2];

/** An image, by URL or inline. */
export type ImageSource = { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string };

/** One piece of a message's content. */
export type ContentPart = { type: 'text'; text: string } | { type: 'image'; source: ImageSource };

/** A tool call the model made: `arguments` is the JSON text the model produced (not parsed). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One message of a conversation, in the gateway's vendor-neutral shape. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  /**
   * Plain text, or parts (text and images; images only in user messages).
   * Null only for an assistant message that just calls tools.
   */
  content: string | ContentPart[] | null;
  /** Assistant messages: the tools it called. */
  toolCalls?: ToolCall[];
  /** Tool messages: the id of the call this is the result of. */
  toolCallId?: string;
}

/** A function the model may call. `parameters` is a JSON Schema object. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  /** Ask the vendor to hold the arguments to the schema exactly (OpenAI `strict`). */
  strict?: boolean;
}

/** Whether and which tool the model must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** The shape of the answer. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean; description?: string };

/** A chat request as the router hands it to a provider. */
export interface ChatRequest {
  /** The provider's own model id (after the gateway's model-name mapping). */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  stop?: string[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  responseFormat?: ResponseFormat;
  /** The caller's own id for its end user (OpenAI `user`, Anthropic `metadata.user_id`); passed on where the vendor takes one. */
  endUser?: string;
  /**
   * `false` when the caller only needs the whole answer (a non-streaming API call):
   * the provider may then make one non-streaming upstream call, which is cheaper
   * to parse, and yield the text as a single delta. Defaults to streaming.
   */
  stream?: boolean;
  /** Aborted when the client disconnects or the attempt times out; the provider must stop its upstream call. */
  signal: AbortSignal;
  /**
   * W3C trace context of this attempt (`traceparent`, maybe `tracestate`), set
   * only while the gateway exports traces. A plugin that calls its vendor over
   * HTTP should send these headers as they are, so the vendor's side (or a
   * proxy's) joins the gateway's trace; others ignore it. Optional on both
   * sides, so API 2 plugins without it keep working.
   */
  traceHeaders?: Readonly<Record<string, string>>;
}

/** Token counts as reported by the vendor (or counted with a tokenizer where the vendor reports none). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the vendor's prompt cache, where it reports them (included in `inputTokens`). */
  cachedInputTokens?: number;
}

/** Why the model stopped, normalised across vendors. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * What a provider's stream yields: text deltas and tool-call deltas in order,
 * then exactly one `usage` event last. A tool call arrives as one or more
 * `tool_call` deltas with the same `index`: the first carries `id` and `name`,
 * each may carry a piece of the `arguments` JSON text.
 */
export type ChatChunk =
  | { type: 'delta'; text: string }
  | { type: 'tool_call'; index: number; id?: string; name?: string; arguments?: string }
  | { type: 'usage'; usage: TokenUsage; finishReason?: FinishReason };

/** An embeddings request: one vector per input text, in order. */
export interface EmbeddingRequest {
  /** The provider's own model id. */
  model: string;
  input: string[];
  /** Requested vector size, where the model can shorten its vectors. */
  dimensions?: number;
  endUser?: string;
  signal: AbortSignal;
}

export interface EmbeddingResult {
  embeddings: number[][];
  usage: { inputTokens: number };
}

/** What a plugin's vendor can do beyond plain text chat. The router refuses the rest before anything goes upstream. */
export interface PluginFeatures {
  /** Tool definitions, tool choice, tool calls and tool results. */
  tools: boolean;
  /** Image parts in user messages. */
  images: boolean;
  /** `responseFormat: json_object`. */
  jsonObject: boolean;
  /** `responseFormat: json_schema`. */
  jsonSchema: boolean;
  /** `Provider.embed`. */
  embeddings: boolean;
}

/** The features of a plain-text plugin (and of every version 1 plugin). */
export const TEXT_ONLY: PluginFeatures = { tools: false, images: false, jsonObject: false, jsonSchema: false, embeddings: false };

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
   * Streams one chat. Yields `delta` and `tool_call` chunks in order and ends with one `usage` chunk.
   * Failures are thrown as `ProviderError` (classified by the plugin) both before
   * the first chunk and mid-stream.
   */
  chat(request: ChatRequest): AsyncIterable<ChatChunk>;
  /** Embeds texts; present when the plugin declares `features.embeddings`. Failures are thrown as `ProviderError`. */
  embed?(request: EmbeddingRequest): Promise<EmbeddingResult>;
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
  /** The plugin API version the plugin was written against: `PLUGIN_API_VERSION` for new plugins. */
  apiVersion: number;
  /** One-line human description shown in `Query.providers`. */
  description?: string;
  /** What the vendor supports beyond text (version 2). Absent means text only. */
  features?: PluginFeatures;
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
  /**
   * Set when the plugin refused the request before sending anything because its
   * vendor lacks a feature the request uses (see `unsupportedFeature`). The
   * router then tries the next provider without counting it against this one,
   * and shows the message (the gateway's own words, never the upstream's).
   */
  readonly unsupportedFeature?: string;

  constructor(
    message: string,
    init: { kind: ProviderErrorKind; status?: number; retryable: boolean; retryAfterMs?: number; cause?: unknown; unsupportedFeature?: string },
  ) {
    super(message, { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.status = init.status;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.unsupportedFeature = init.unsupportedFeature;
  }
}

/**
 * The refusal of a feature the vendor lacks, thrown by `chat` or `embed` before
 * anything goes upstream: a `bad_request` whose message names the feature and
 * the provider, e.g. `unsupportedFeature('image URLs', 'ollama', 'it takes images as base64 data only')`.
 */
export function unsupportedFeature(feature: string, provider: string, why?: string): ProviderError {
  return new ProviderError(`${feature} not supported by ${provider}${why ? `: ${why}` : ''}`, {
    kind: 'bad_request',
    retryable: false,
    unsupportedFeature: feature,
  });
}

/** Type helper so a plugin file gets full inference: `export default definePlugin({...})`. */
export function definePlugin<Options>(plugin: ProviderPlugin<Options>): ProviderPlugin<Options> {
  return plugin;
}

/** The text of a message's content: the string itself, or its text parts joined (images left out). */
export function contentText(content: ChatMessage['content']): string {
  if (content === null) return '';
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) if (part.type === 'text') text += part.text;
  return text;
}
