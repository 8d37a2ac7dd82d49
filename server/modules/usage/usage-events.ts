import { createPubSub } from 'graphql-yoga';
import type { ClusterBus } from '../../cluster/bus.ts';
import { relayOverBus } from '../../cluster/relay.ts';

/** One settled chat, as the live dashboard sees it. */
export interface UsageEvent {
  at: Date;
  userId: string;
  model: string;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  /** ok, failed, interrupted, disconnected, or refused (quota, budget, rate limit, DLP, access). */
  outcome: string;
  /** True when a provider other than the first one tried answered. */
  fellBack: boolean;
  latencyMs: number;
}

/** The bus topic that carries settled chats between instances. */
export const USAGE_EVENTS_TOPIC = 'usage.events';

/**
 * The live feed of settled chats. Each instance publishes the chats it settles
 * to its own subscribers at once and, over the cluster bus, to every other
 * instance's within about 50 ms (totals always come from the database).
 */
export function createUsageEvents(bus: ClusterBus) {
  const pubsub = createPubSub<{ usage: [UsageEvent] }>();
  const relay = relayOverBus<UsageEvent>(bus, USAGE_EVENTS_TOPIC, {
    deliver: (event) => pubsub.publish('usage', event),
    revive: (wire) => ({ ...(wire as UsageEvent), at: new Date((wire as { at: string }).at) }),
  });
  return {
    publish(topic: 'usage', event: UsageEvent): void {
      pubsub.publish(topic, event);
      relay.send(event);
    },
    subscribe: pubsub.subscribe.bind(pubsub) as typeof pubsub.subscribe,
    /** Sends what is queued for the other instances. */
    close: () => relay.close(),
  };
}

export type UsageEvents = ReturnType<typeof createUsageEvents>;
