import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /**
   * Prepended to every key and channel, so several gateways (or test runs) can
   * share one Redis without seeing each other's counters and messages.
   */
  prefix: string;
}

/**
 * The gateway's connections to Redis: one for commands (rate-limit scripts,
 * publishes) and one in subscriber mode for the cluster bus. Both reconnect by
 * themselves, forever, with a capped backoff; while Redis is unreachable
 * commands fail at once instead of queueing (nothing that waits for Redis is
 * worth more than answering the chat), and the outage is logged once, with
 * one more line when Redis answers again.
 */
export interface RedisConnections {
  readonly prefix: string;
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** True while the command connection is ready. */
  readonly up: boolean;
  /** PING with a short timeout, for readiness. */
  check(timeoutMs?: number): Promise<{ ok: boolean; error?: string }>;
  close(): Promise<void>;
}

/** Longest a command may take before it counts as failed (a Redis that hangs rather than refuses). */
const COMMAND_TIMEOUT_MS = 1_000;

export async function connectRedis(options: RedisOptions, logger: Logger): Promise<RedisConnections> {
  let down = false;
  let closing = false;
  const outage = (error: Error | undefined) => {
    if (down || closing) return;
    down = true;
    logger.warn({ err: error, redis: redactUrl(options.url) }, 'redis unreachable; rate limits follow ZERO_RATE_LIMIT_FAIL and instances hear each other again when it returns');
  };
  const recovered = () => {
    if (!down) return;
    down = false;
    logger.info({ redis: redactUrl(options.url) }, 'redis reachable again');
  };
  const common = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    // Reconnect forever: quickly at first, then every 2 s.
    retryStrategy: (times: number) => Math.min(times * 100, 2_000),
  };
  const commands = new Redis(options.url, { ...common, commandTimeout: COMMAND_TIMEOUT_MS, connectionName: 'zero-gateway' });
  // The subscriber gets no command timeout: a subscribe waits for a reconnect rather than fail.
  const subscriber = new Redis(options.url, { ...common, connectionName: 'zero-gateway-bus' });
  for (const connection of [commands, subscriber]) {
    // ioredis emits an error on every failed reconnect; one log line per outage is enough.
    connection.on('error', (error: Error) => outage(error));
    connection.on('end', () => outage(undefined));
  }
  commands.on('ready', recovered);
  // A gateway starts even when Redis is down (chats must not depend on it): it keeps trying.
  await Promise.all([commands.connect(), subscriber.connect()]).catch((error: Error) => outage(error));
  return {
    prefix: options.prefix,
    commands,
    subscriber,
    get up() {
      return commands.status === 'ready';
    },
    async check(timeoutMs = 1_000) {
      if (commands.status !== 'ready') return { ok: false, error: `connection ${commands.status}` };
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          commands.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return { ok: true };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      closing = true;
      await Promise.all([commands, subscriber].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

/** The URL without its password, for logs and readiness. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}
