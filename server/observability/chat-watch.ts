/**
 * The chat core's observer (server/modules/chat/chat-observer.ts): counts each
 * chat into the metrics at its end, from what the chat already knows (its
 * attempts, usage and outcome), and, when tracing, follows it with spans.
 * Nothing here touches the network or the database.
 */
import { AppError } from '../errors.ts';
import type { ChatEnd, ChatObserver, ChatWatch } from '../modules/chat/chat-observer.ts';
import type { Metrics } from './metrics.ts';
import type { Tracing } from './tracing.ts';
import type { UserGroups } from './user-groups.ts';

export interface ChatWatchDeps {
  metrics?: Metrics;
  tracing?: Tracing;
  groups: UserGroups;
  /** Whether a gateway model name exists (unknown names are labelled `unknown`, keeping labels bounded). */
  knownModel(name: string): boolean;
}

const REFUSAL_REASONS: Record<string, string> = {
  QUOTA_EXCEEDED: 'quota',
  RATE_LIMITED: 'rate',
  BUDGET_EXCEEDED: 'budget',
  DLP_BLOCKED: 'dlp',
  OVERLOADED: 'overloaded',
  SERVICE_UNAVAILABLE: 'unavailable',
  BAD_USER_INPUT: 'invalid',
};

const NO_STAGE: ChatWatch['stage'] = (_name, run) => run();

export function createChatObserver(deps: ChatWatchDeps): ChatObserver | undefined {
  const { metrics, tracing, groups } = deps;
  if (!metrics && !tracing) return undefined;
  return {
    begin(ctx, requested, via, operation = 'chat'): ChatWatch {
      const startedAt = performance.now();
      const model = deps.knownModel(requested) ? requested : 'unknown';
      const traced = tracing?.startChat({ model, via, requestId: ctx.requestId, operation });
      let firstTokenAt: number | undefined;
      return {
        stage: traced ? (name, run) => traced.stage(name, run) : NO_STAGE,
        attempts: traced?.attempts,
        refused(error) {
          const code = error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR';
          metrics?.refusals.inc({ reason: REFUSAL_REASONS[code] ?? 'other' });
          metrics?.chats.inc({ via, model, outcome: 'refused' });
          traced?.end('refused', error);
        },
        firstToken() {
          firstTokenAt = performance.now();
        },
        end(end: ChatEnd) {
          traced?.end(end.kind, end.kind === 'ok' ? undefined : { code: end.kind });
          if (!metrics) return;
          const provider = end.provider || 'none';
          metrics.chats.inc({ via, model, outcome: end.kind });
          metrics.chatDuration.observe({ model, provider }, (performance.now() - startedAt) / 1000);
          if (firstTokenAt !== undefined) metrics.firstToken.observe({ model, provider }, (firstTokenAt - startedAt) / 1000);
          countAttempts(metrics, model, end);
          if (end.usage) {
            const group = groups.groupOf(ctx.viewer.roleIds);
            if (end.usage.inputTokens) metrics.tokens.inc({ direction: 'input', model, provider, group }, end.usage.inputTokens);
            if (end.usage.outputTokens) metrics.tokens.inc({ direction: 'output', model, provider, group }, end.usage.outputTokens);
          }
        },
      };
    },
  };
}

/**
 * Attempts, retries and fallbacks from the chat's attempt list: a failed
 * attempt followed by one on the same provider is a retry, by one on another
 * provider a fallback from it.
 */
function countAttempts(metrics: Metrics, model: string, end: ChatEnd): void {
  const { attempts } = end;
  for (let i = 0; i < attempts.length; i++) {
    const a = attempts[i];
    metrics.attempts.inc({ provider: a.provider, result: a.code ?? 'ok' });
    if (!a.code && end.kind === 'ok' && i === attempts.length - 1) metrics.upstreamDuration.observe({ model, provider: a.provider }, a.latencyMs / 1000);
    const next = attempts[i + 1];
    if (!next) continue;
    if (next.provider === a.provider) metrics.retries.inc({ provider: a.provider });
    else metrics.fallbacks.inc({ provider: a.provider });
  }
}
