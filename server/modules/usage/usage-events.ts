import { createPubSub } from 'graphql-yoga';

/** One settled chat, as the live dashboard sees it. */
export interface UsageEvent {
  at: Date;
  userId: string;
  model: string;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  /** ok, failed, interrupted or disconnected. */
  outcome: string;
  /** True when a provider other than the first one tried answered. */
  fellBack: boolean;
  latencyMs: number;
}

/**
 * In-process event bus for live views. Each gateway instance publishes the
 * chats it settled; a console connected to one instance sees that instance's
 * events (totals always come from the database).
 */
export function createUsageEvents() {
  return createPubSub<{ usage: [UsageEvent] }>();
}

export type UsageEvents = ReturnType<typeof createUsageEvents>;
