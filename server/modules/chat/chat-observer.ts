import type { TokenUsage } from '../../../plugins/plugin-api.ts';
import type { Attempt, AttemptWatcher } from '../../router/index.ts';
import type { ChatCaller, ChatEntry, ChatOutcomeKind } from './chat.types.ts';

/**
 * Watches chats for metrics and traces (server/observability/chat-watch.ts,
 * built in server/gateway.ts). The chat core calls it at a few points and
 * knows nothing of Prometheus or OpenTelemetry. Members must be cheap and must
 * never throw: observing a chat must not change it.
 */
export interface ChatObserver {
  /**
   * A chat (or an embedding call, `operation: 'embeddings'`) arrived; the
   * returned watch follows it to its end. Both count as chats in the metrics,
   * as they do in usage, the audit trail and the request log; the trace names
   * the operation.
   */
  begin(ctx: ChatCaller, model: string, via: ChatEntry, operation?: 'chat' | 'embeddings'): ChatWatch;
}

/** What happened to one chat, as far as the gateway's own monitoring cares. */
export interface ChatEnd {
  kind: ChatOutcomeKind;
  /** Provider instance that answered, or the last one tried ('' when none was). */
  provider: string;
  attempts: readonly Attempt[];
  /** Metered usage; absent when settlement failed. */
  usage?: TokenUsage;
}

export interface ChatWatch {
  /**
   * Wraps one stage of the chat (traced as a child span): `screen` is DLP,
   * `admit` the rest of admission (budgets, rate limits, the quota reservation), `settle` settlement.
   */
  stage<T>(name: 'screen' | 'admit' | 'settle', run: () => Promise<T>): Promise<T>;
  /** Given to the router: a span per provider attempt and the headers that carry it upstream. Absent when not tracing. */
  attempts?: AttemptWatcher;
  /** Admission refused the chat (quota, rate limit, budget, DLP, ...); the chat ends here. */
  refused(error: unknown): void;
  /** The first text reached the client. */
  firstToken(): void;
  /** The chat was settled (or settling failed); called once, last. */
  end(end: ChatEnd): void;
}
