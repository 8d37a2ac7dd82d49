import { randomUUID } from 'node:crypto';
import type { ClusterBus } from './bus.ts';

export interface RelayOptions<T> {
  /** Hands an event published by another instance to this instance's subscribers. */
  deliver(event: T): void;
  /** Rebuilds an event from its JSON form (dates come back as strings). */
  revive(wire: unknown): T;
  /** Longest an event waits to go out with others; subscribers elsewhere see it this much later. */
  maxDelayMs?: number;
}

export interface Relay<T> {
  /** Queues an event for the other instances (this instance's subscribers are the caller's business). */
  send(event: T): void;
  /** Sends what is queued and stops listening. */
  close(): void;
}

/** A PostgreSQL notification carries at most 8000 bytes; a batch stays well under. */
const MAX_BATCH_BYTES = 6_000;

/**
 * Carries a live feed (settled chats, budget alerts) to the subscribers of
 * every other instance over the cluster bus. Events are sent in batches of up
 * to `maxDelayMs` (50 ms), so a busy instance sends about twenty bus messages a
 * second rather than one per chat: on PostgreSQL each message is a query. Like
 * the bus, delivery is at most once: what must not be lost is in the database.
 * On the local bus (one instance) nothing is sent at all.
 */
export function relayOverBus<T>(bus: ClusterBus, topic: string, options: RelayOptions<T>): Relay<T> {
  if (bus.kind === 'local') return { send: () => {}, close: () => {} };
  const origin = randomUUID();
  const maxDelayMs = options.maxDelayMs ?? 50;
  let batch: string[] = [];
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return;
    // Already serialised once for its size: send the JSON text as is.
    bus.publish(topic, { o: origin, e: `[${batch.join(',')}]` });
    batch = [];
    bytes = 0;
  };
  const unsubscribe = bus.subscribe(topic, (payload) => {
    const { o, e } = payload as { o: string; e: string };
    if (o === origin) return;
    for (const wire of JSON.parse(e) as unknown[]) options.deliver(options.revive(wire));
  });
  return {
    send(event) {
      const json = JSON.stringify(event);
      const size = Buffer.byteLength(json) + 1;
      if (bytes + size > MAX_BATCH_BYTES) flush();
      batch.push(json);
      bytes += size;
      if (!timer) {
        timer = setTimeout(flush, maxDelayMs);
        timer.unref();
      }
    },
    close() {
      flush();
      unsubscribe();
    },
  };
}
