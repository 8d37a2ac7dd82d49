/**
 * Every metric the gateway exports, on a registry of its own (several gateways
 * run in one test process; the global registry would refuse the second).
 * Labels are bounded by construction: doors, operations and detectors are
 * fixed lists, models and providers come from the config, user groups are role
 * names capped in number (server/observability/user-groups.ts). No user ids.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80];
const FIRST_TOKEN_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20];
const COMMIT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics() {
  const registry = new Registry();
  // Process CPU and memory, GC, and the event loop's lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const r = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'zero_http_requests_total',
      help: 'HTTP requests answered, by door (graphql, rest, openai, anthropic, health, console, other), operation and status',
      labelNames: ['door', 'operation', 'status'] as const,
      registers: r,
    }),
    chats: new Counter({
      name: 'zero_chats_total',
      help: 'Chats by entry (mutation, subscription, rest, openai, anthropic), gateway model and outcome (ok, failed, interrupted, disconnected, refused)',
      labelNames: ['via', 'model', 'outcome'] as const,
      registers: r,
    }),
    chatDuration: new Histogram({
      name: 'zero_chat_duration_seconds',
      help: 'Whole chat, admission to settlement, by gateway model and the provider that answered',
      labelNames: ['model', 'provider'] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    firstToken: new Histogram({
      name: 'zero_chat_time_to_first_token_seconds',
      help: 'From the chat arriving to its first text reaching the client',
      labelNames: ['model', 'provider'] as const,
      buckets: FIRST_TOKEN_BUCKETS,
      registers: r,
    }),
    upstreamDuration: new Histogram({
      name: 'zero_chat_upstream_seconds',
      help: "The answering provider attempt's own duration",
      labelNames: ['model', 'provider'] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    tokens: new Counter({
      name: 'zero_tokens_total',
      help: 'Metered tokens by direction (input, output), gateway model, provider and user group (role)',
      labelNames: ['direction', 'model', 'provider', 'group'] as const,
      registers: r,
    }),
    attempts: new Counter({
      name: 'zero_provider_attempts_total',
      help: 'Provider attempts of chats by result (ok, or the failure kind: network, timeout, rate_limited, server, circuit_open, ...)',
      labelNames: ['provider', 'result'] as const,
      registers: r,
    }),
    retries: new Counter({
      name: 'zero_provider_retries_total',
      help: 'Attempts that retried the same provider after a failure',
      labelNames: ['provider'] as const,
      registers: r,
    }),
    fallbacks: new Counter({
      name: 'zero_provider_fallbacks_total',
      help: 'Chats that moved on from this provider to the next in the chain',
      labelNames: ['provider'] as const,
      registers: r,
    }),
    refusals: new Counter({
      name: 'zero_admission_refusals_total',
      help: 'Chats refused before anything went upstream, by reason (quota, rate, budget, dlp, overloaded, unavailable, invalid)',
      labelNames: ['reason'] as const,
      registers: r,
    }),
    dlpHits: new Counter({
      name: 'zero_dlp_hits_total',
      help: 'DLP detector matches in prompts, by detector and the action taken (block, redact, ...)',
      labelNames: ['detector', 'action'] as const,
      registers: r,
    }),
    settlementCommit: new Histogram({
      name: 'zero_settlement_commit_seconds',
      help: 'Time to write one group-committed batch of chat settlements',
      buckets: COMMIT_BUCKETS,
      registers: r,
    }),
    settlementBatch: new Counter({
      name: 'zero_settlements_committed_total',
      help: 'Chat settlements written to the database (refused requests included: they are recorded through the same queue)',
      registers: r,
    }),
    /** Gauges read at scrape time (server/observability/collectors.ts) are registered there. */
    gauge(name: string, help: string, labelNames: readonly string[], collect: (g: Gauge<string>) => void | Promise<void>) {
      return new Gauge({ name, help, labelNames, registers: r, collect() {
        return collect(this);
      } });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
