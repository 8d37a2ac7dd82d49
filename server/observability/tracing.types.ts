/** What the gateway sees of tracing; the OpenTelemetry side (otel.ts) implements it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { TracesSampler } from '../config/env.ts';
import type { AttemptWatcher } from '../router/index.ts';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Tracing {
  /** Runs each HTTP request inside a server span, child of the client's `traceparent` when it sends one. */
  wrap(handler: HttpHandler): HttpHandler;
  /**
   * A chat's span: the request's span renamed `chat` when the request is the
   * chat (auth then shows as its child), else a new span under the request's
   * (or a root span, over WebSocket).
   */
  startChat(info: { model: string; via: string; requestId: string; operation?: 'chat' | 'embeddings' }): TracedChat;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

export interface TracedChat {
  /** Runs one stage as a child span: `screen` → `dlp` (inside `admission`), `admit` → `admission`, `settle` → `settlement`. */
  stage<T>(name: 'screen' | 'admit' | 'settle', run: () => Promise<T>): Promise<T>;
  /** One `provider.attempt` span per attempt; its W3C headers go upstream. */
  attempts: AttemptWatcher;
  /** Ends the chat's span with its outcome. */
  end(outcome: string, error?: unknown): void;
}

export interface TracingOptions {
  /** OTLP HTTP base URL; spans are posted as JSON to `<endpoint>/v1/traces`. */
  endpoint: string;
  /** Which traces are kept; every one (parent-based) when omitted. */
  sampler?: TracesSampler;
  serviceName?: string;
  instanceId: string;
  logger: Logger;
}
