import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { RedisConnections } from './redis.ts';

type Handler = (payload: unknown) => void;

/**
 * Messages between the gateway instances that share a database: a publish is
 * delivered to this instance's handlers at once and to every other instance's
 * within milliseconds. Delivery is at most once and only to instances running
 * now; what must not be lost lives in the database, and the bus only says
 * "look again" (a credential changed, an alert was raised).
 */
export interface ClusterBus {
  /** `local` reaches this process only (the embedded database admits one gateway). */
  readonly kind: 'local' | 'postgres' | 'redis';
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string, handler: Handler): () => void;
  close(): Promise<void>;
}

class Handlers {
  private readonly byTopic = new Map<string, Set<Handler>>();

  add(topic: string, handler: Handler): () => void {
    let set = this.byTopic.get(topic);
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  deliver(topic: string, payload: unknown, logger?: Logger): void {
    for (const handler of this.byTopic.get(topic) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        logger?.error({ err: error, topic }, 'bus handler failed');
      }
    }
  }
}

/** One process only (the embedded database admits one gateway). */
export function createLocalBus(): ClusterBus {
  const handlers = new Handlers();
  return {
    kind: 'local',
    publish: (topic, payload) => handlers.deliver(topic, payload),
    subscribe: (topic, handler) => handlers.add(topic, handler),
    close: async () => {},
  };
}

const CHANNEL = 'zero_gateway_bus';

/**
 * Tells running gateways on this PostgreSQL database something from outside
 * them (a command-line tool): the same message a gateway would publish.
 */
export async function notifyGateways(pool: pg.Pool, topic: string, payload: unknown): Promise<void> {
  await pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ o: 'cli', t: topic, p: payload })]);
}

/**
 * PostgreSQL LISTEN/NOTIFY: one listening session per instance, reconnected
 * after the database restarts. A notification carries at most ~8 KB, which
 * the small "look again" messages never approach.
 */
export async function createPostgresBus(connectionString: string, logger: Logger): Promise<ClusterBus> {
  const origin = randomUUID();
  const handlers = new Handlers();
  let listener: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        const { o, t, p } = JSON.parse(message.payload) as { o: string; t: string; p: unknown };
        if (o !== origin) handlers.deliver(t, p, logger);
      } catch {
        // not ours
      }
    });
    client.on('error', () => {
      if (listener === client) listener = null;
      scheduleReconnect();
    });
    client.on('end', () => {
      if (listener === client) listener = null;
      scheduleReconnect();
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    listener = client;
    // Whatever was published while we were away is lost: tell our handlers to look again.
    handlers.deliver('bus.reconnected', null, logger);
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(scheduleReconnect);
    }, 1000);
    retry.unref();
  };
  await connect();

  const notifier = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 5_000 });
  notifier.on('error', () => {});
  // Settled chats are published many times a second: an outage is logged once, not per message.
  let failing = false;
  return {
    kind: 'postgres',
    publish(topic, payload) {
      handlers.deliver(topic, payload, logger);
      notifier.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ o: origin, t: topic, p: payload })]).then(
        () => {
          if (failing) logger.info('telling the other instances works again');
          failing = false;
        },
        (error) => {
          if (!failing) logger.warn({ err: error, topic }, 'could not tell the other instances (logged once until it works again)');
          failing = true;
        },
      );
    },
    subscribe: (topic, handler) => handlers.add(topic, handler),
    async close() {
      closed = true;
      clearTimeout(retry);
      await listener?.end().catch(() => {});
      await notifier.end().catch(() => {});
    },
  };
}

/**
 * Redis pub/sub: one channel (under the configured prefix) for every topic,
 * on the subscriber connection, which ioredis resubscribes after a reconnect.
 * While Redis is unreachable a publish still reaches this instance's handlers
 * and is lost for the others (logged once per outage by the connection);
 * when the subscriber is back, handlers hear `bus.reconnected` and look again.
 */
export async function createRedisBus(redis: RedisConnections, logger: Logger): Promise<ClusterBus> {
  const origin = randomUUID();
  const channel = `${redis.prefix}bus`;
  const handlers = new Handlers();
  let readyBefore = redis.subscriber.status === 'ready';
  const onMessage = (from: string, message: string) => {
    if (from !== channel) return;
    try {
      const { o, t, p } = JSON.parse(message) as { o: string; t: string; p: unknown };
      if (o !== origin) handlers.deliver(t, p, logger);
    } catch {
      // not ours
    }
  };
  const onReady = () => {
    // The first ready is the start; every later one follows an outage, whose messages are lost.
    if (readyBefore) handlers.deliver('bus.reconnected', null, logger);
    readyBefore = true;
  };
  redis.subscriber.on('message', onMessage);
  redis.subscriber.on('ready', onReady);
  // Redis down at start: the subscription is made when it comes (ioredis resubscribes what was asked).
  await redis.subscriber.subscribe(channel).catch(() => {
    const retry = () => void redis.subscriber.subscribe(channel).catch(() => {});
    redis.subscriber.once('ready', retry);
  });
  return {
    kind: 'redis',
    publish(topic, payload) {
      handlers.deliver(topic, payload, logger);
      if (!redis.up) return;
      redis.commands.publish(channel, JSON.stringify({ o: origin, t: topic, p: payload })).catch(() => {
        // The connection logs the outage once; the others look again when it ends.
      });
    },
    subscribe: (topic, handler) => handlers.add(topic, handler),
    async close() {
      redis.subscriber.off('message', onMessage);
      redis.subscriber.off('ready', onReady);
      await redis.subscriber.unsubscribe(channel).catch(() => {});
    },
  };
}
