import type { FinishReason, TokenUsage, ToolCall } from '../../../plugins/plugin-api.ts';
import type { Attempt } from '../../router/index.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.ts';
import type { RateLimitStatus } from '../rate-limits/rate-limiter.ts';

/** Which door a chat came through; recorded in its audit record. */
export type ChatEntry = 'mutation' | 'subscription' | 'rest' | 'openai' | 'anthropic';

/**
 * Who is chatting, as every door knows it: the signed-in caller, the request id
 * from the edge (it reaches the audit record), and the request's EntityManager.
 * Nothing else: what a chat touches comes in as dependencies (server/gateway.ts).
 */
export interface ChatCaller {
  viewer: Viewer;
  requestId: string;
  em: EntityManager;
}

export interface ChatOptions {
  /** Aborts when the client goes away. */
  signal?: AbortSignal;
  via: ChatEntry;
  /**
   * Called once the chat is admitted, before anything goes upstream, with the
   * rate limits as admission left them: a streaming door sends them as headers
   * before the first chunk, as it does on a whole answer.
   */
  onAdmitted?(admitted: { rateLimit: RateLimitStatus | null }): void;
}

export interface ChatResult {
  text: string;
  /** The tools the model called, whole, in order (empty when it called none). */
  toolCalls: ToolCall[];
  /** Tokens billed; `cachedInputTokens` where the vendor reported a prompt-cache hit. */
  usage: TokenUsage;
  /** Provider instance and provider model id that answered. */
  provider: string;
  model: string;
  /** The gateway model name asked for. */
  requestedModel: string;
  attempts: Attempt[];
  latencyMs: number;
  finishReason: FinishReason | null;
  requestId: string;
  /** The chat's id in the ledger (stable, known before the audit record exists). */
  chatId: string;
  /** The chat's audit record; null while it waits in the local spool because the database was unreachable. */
  auditId: string | null;
  /** The rate limits that apply, as of admission (for `x-ratelimit-*` headers); null when none does. */
  rateLimit: RateLimitStatus | null;
}

/** A piece of a tool call as it streams: the first piece of each `index` carries `id` and `name`, then pieces of `arguments`. */
export interface ToolCallDelta {
  type: 'tool_call';
  index: number;
  id?: string;
  name?: string;
  arguments?: string;
}

export type ChatEvent = { type: 'delta'; text: string } | ToolCallDelta | { type: 'done'; result: ChatResult };

/** How a chat ended, as metered and audited. */
export type ChatOutcomeKind = 'ok' | 'failed' | 'interrupted' | 'disconnected';
