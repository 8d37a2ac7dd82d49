/**
 * Traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. This file is all the
 * gateway imports when tracing is off: the OpenTelemetry SDK is loaded by a
 * dynamic import in `startTracing`, so an untraced gateway never loads it, and
 * the chat path only tests whether a tracer exists.
 */
import type { Tracing, TracingOptions } from './tracing.types.ts';

export type { HttpHandler, TracedChat, Tracing, TracingOptions } from './tracing.types.ts';

export async function startTracing(options: TracingOptions): Promise<Tracing> {
  const { createOtelTracing } = await import('./otel.ts');
  return createOtelTracing(options);
}
