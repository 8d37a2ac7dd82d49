import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { CredentialCache } from './modules/auth/credential-cache.ts';
import type { CredentialChanges } from './modules/auth/credential-changes.ts';
import type { ClusterBus } from './cluster/bus.ts';
import type { RedisConnections } from './cluster/redis.ts';
import type { RateLimiter } from './modules/rate-limits/index.ts';
import type { GatewayConfig } from './config/index.ts';
import type { SqlPools } from './db/sql-pools.ts';
import type { SettlementQueue } from './modules/metering/settlement-queue.ts';
import type { UsageEvents } from './modules/usage/usage-events.ts';
import type { AuditSealer } from './modules/audit/audit-sealer.ts';
import type { AuditRetention } from './modules/audit/audit-retention.ts';
import type { DlpPolicyCache } from './modules/dlp/policy-cache.ts';
import type { ChatRollup } from './modules/executive/chat-rollup.ts';
import type { BudgetRuntime } from './modules/budgets/index.ts';
import type { LoginThrottle } from './modules/auth/login-throttle.ts';
import type { ChatService } from './modules/chat/chat.service.ts';
import type { EmbeddingService } from './modules/chat/embed-texts.ts';
import type { ChatsInFlight } from './modules/chat/chats-in-flight.ts';
import type { ProviderRegistry } from './modules/providers/provider-registry.ts';
import type { SecretBox } from './modules/providers/secret-box.ts';

/** State shared by every request of one gateway process; built once at start-up. */
export interface AppState {
  orm: MikroORM;
  config: GatewayConfig;
  /** Pools for the chat hot path (prepared statements, no ORM). */
  sql: SqlPools;
  /** Batches chat metering and audit writes (group commit). */
  settlements: SettlementQueue;
  /** Live feed of settled chats (Subscription.usageEvents). */
  events: UsageEvents;
  /** Seals new audit records into the hash chain in the background. */
  auditSealer: AuditSealer;
  /** Expires audit records past the retention period, keeping the chain verifiable. */
  auditRetention: AuditRetention;
  /** Folds sealed chat audit records into the executive rollups in the background. */
  chatRollup: ChatRollup;
  /** DLP policies, cached; the chat path never queries them. */
  dlpPolicies: DlpPolicyCache;
  /** Refuses sign-ins for an email after repeated failures. */
  loginThrottle: LoginThrottle;
  /** Budget hard stop (chat path) and alert evaluation (after settlement). */
  budgets: BudgetRuntime;
  /** Provider instances and the router over them, rebuilt when the catalog changes (server/modules/providers). */
  providers: ProviderRegistry;
  /** Seals provider API keys stored in the database; null in production without ZERO_SECRET_KEY. */
  secretBox: SecretBox | null;
  /** This instance's id (chat ledger, bus messages it sent). */
  instanceId: string;
  /** The chat core every door calls (admit, route, settle); its dependencies are wired in server/gateway.ts. */
  chat: ChatService;
  /** Embeddings on the chat core's rules (DLP, quota, budgets, router, metering, audit). */
  embeddings: EmbeddingService;
  /** The chats running on this instance (admission limit, shutdown drain). */
  chats: ChatsInFlight;
  logger: Logger;
  credentialCache: CredentialCache;
  /** Tells every instance that credentials changed (caches dropped, live subscriptions re-checked). */
  credentials: CredentialChanges;
  /** Messages between the instances that share the database (Redis, PostgreSQL, or in process). */
  bus: ClusterBus;
  /** Set when REDIS_URL is: the bus and rate-limit counters live there. */
  redis?: RedisConnections;
  /** Requests and tokens per minute per user, role and API key. */
  rateLimits: RateLimiter;
  /** IANA time zone that defines "today" for daily usage and quotas. */
  timezone: string;
  sessionTtlMs: number;
  /** Resolves when pending background writes (e.g. API key last-used) are done; used at shutdown and in tests. */
  background: Set<Promise<unknown>>;
}

/** Runs a write that must not slow the request, keeping track of it so shutdown can wait. */
export function inBackground(app: AppState, task: () => Promise<unknown>): void {
  trackInBackground(app.background, app.logger, task);
}

/** Runs `task` without waiting for it, keeping it in `tasks` until it settles (shutdown waits for the set). */
export function trackInBackground(tasks: Set<Promise<unknown>>, logger: Logger, task: () => Promise<unknown>): void {
  const promise = task()
    .catch((error) => logger.warn({ err: error }, 'background write failed'))
    .finally(() => tasks.delete(promise));
  tasks.add(promise);
}
