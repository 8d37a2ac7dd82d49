/**
 * The OpenTelemetry side of tracing, loaded by `startTracing` only when an
 * OTLP endpoint is configured. The tracer provider is the gateway's own, not
 * registered globally: spans are parented explicitly (the request's span is
 * found through `requestScope`, a chat's stages and attempts are handed their
 * parent), so no context manager patches the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Sampler } from '@opentelemetry/sdk-trace';
import type { TracesSampler } from '../config/env.ts';
import type { ProviderError } from '../../plugins/plugin-api.ts';
import { doorOf } from './http-doors.ts';
import { requestScope, type RequestScope } from './request-scope.ts';
import type { HttpHandler, TracedChat, Tracing, TracingOptions } from './tracing.types.ts';

const STAGE_SPAN = { screen: 'dlp', admit: 'admission', settle: 'settlement' } as const;

const headerGetter = {
  keys: (carrier: IncomingMessage['headers']) => Object.keys(carrier),
  get: (carrier: IncomingMessage['headers'], key: string) => carrier[key],
};
const recordSetter = { set: (carrier: Record<string, string>, key: string, value: string) => void (carrier[key] = value) };

export function createOtelTracing(options: TracingOptions): Tracing {
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'zero-gateway', 'service.instance.id': options.instanceId }),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1000 })],
    sampler: samplerOf(options.sampler ?? { name: 'parentbased_always_on', ratio: 1 }),
  });
  const tracer = provider.getTracer('zero-gateway');
  const propagator = new W3CTraceContextPropagator();
  options.logger.info({ endpoint: options.endpoint, sampler: options.sampler }, 'tracing: exporting spans over OTLP HTTP');

  return {
    wrap(handler: HttpHandler): HttpHandler {
      return (req: IncomingMessage, res: ServerResponse) => {
        const parent = propagator.extract(ROOT_CONTEXT, req.headers, headerGetter);
        const path = (req.url ?? '/').split('?')[0];
        const span = tracer.startSpan(`${req.method} ${doorOf(path, req.headers['anthropic-version'] !== undefined)}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': path } }, parent);
        res.once('close', () => {
          span.setAttribute('http.response.status_code', res.statusCode);
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        });
        const scope: RequestScope = { traceId: span.spanContext().traceId, span, claimed: false };
        requestScope.run(scope, () => handler(req, res));
      };
    },

    startChat(info) {
      const scope = requestScope.getStore();
      let span: Span;
      let owned: boolean;
      if (scope && !scope.claimed) {
        // The request is this chat: its span becomes the chat's, and ends with the response.
        scope.claimed = true;
        span = scope.span as Span;
        span.updateName(info.operation ?? 'chat');
        owned = false;
        if (scope.auth) tracer.startSpan('auth', { startTime: scope.auth.start }, trace.setSpan(ROOT_CONTEXT, span)).end(scope.auth.end);
      } else {
        span = tracer.startSpan(info.operation ?? 'chat', { kind: SpanKind.SERVER }, scope ? trace.setSpan(ROOT_CONTEXT, scope.span as Span) : ROOT_CONTEXT);
        owned = true;
      }
      span.setAttributes({ 'gen_ai.request.model': info.model, 'zero.via': info.via, 'zero.request_id': info.requestId });
      return tracedChat(tracer, propagator, span, owned);
    },

    async shutdown() {
      await provider.shutdown();
    },
  };
}

function tracedChat(tracer: Tracer, propagator: W3CTraceContextPropagator, chat: Span, owned: boolean): TracedChat {
  const chatContext = trace.setSpan(ROOT_CONTEXT, chat);
  let admission: Context | undefined;
  return {
    async stage(name, run) {
      // DLP runs inside admission; the other stages sit directly under the chat.
      const span = tracer.startSpan(STAGE_SPAN[name], undefined, name === 'screen' && admission ? admission : chatContext);
      if (name === 'admit') admission = trace.setSpan(ROOT_CONTEXT, span);
      try {
        return await run();
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
    attempts: {
      start(provider, model) {
        const span = tracer.startSpan('provider.attempt', { kind: SpanKind.CLIENT, attributes: { 'zero.provider': provider, 'gen_ai.request.model': model } }, chatContext);
        const headers: Record<string, string> = {};
        propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, recordSetter);
        return {
          headers,
          end(failure?: ProviderError) {
            if (failure) {
              span.setAttribute('zero.error_kind', failure.kind);
              span.setStatus({ code: SpanStatusCode.ERROR, message: failure.kind });
            }
            span.end();
          },
        };
      },
    },
    end(outcome, error) {
      chat.setAttribute('zero.outcome', outcome);
      if (error) failed(chat, error);
      if (owned) chat.end();
    },
  };
}

function failed(span: Span, error: unknown): void {
  const code = (error as { code?: unknown })?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : 'error' });
}

/**
 * OpenTelemetry's standard samplers by their environment names. A trace not
 * kept still carries its context upstream, marked not sampled, so the
 * services after the gateway drop it too.
 */
function samplerOf({ name, ratio }: TracesSampler): Sampler {
  const root = name.endsWith('always_on') ? new AlwaysOnSampler() : name.endsWith('always_off') ? new AlwaysOffSampler() : new TraceIdRatioBasedSampler(ratio);
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}
