import { Match, Show, Switch } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorLines } from '../../components/ErrorNotice.tsx';
import { Icon } from '../../components/Icon.tsx';
import { QuotaBar } from '../../components/QuotaBar.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AttemptsTable, type AttemptRow } from './AttemptsTable.tsx';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The facts a coded chat error carries in its extensions, read defensively. */
export function chatFailure(error: CombinedError) {
  const first = error.graphQLErrors[0];
  const ext = (first?.extensions ?? {}) as Record<string, unknown>;
  const usage = ext.usage as { inputTokens?: unknown; outputTokens?: unknown } | null | undefined;
  return {
    code: typeof ext.code === 'string' ? ext.code : error.graphQLErrors.length ? undefined : 'NETWORK_ERROR',
    attempts: Array.isArray(ext.attempts) ? (ext.attempts as AttemptRow[]) : [],
    quota: {
      limit: ext.limit === 'DAILY_OUTPUT' ? ('DAILY_OUTPUT' as const) : ('DAILY_INPUT' as const),
      limitTokens: num(ext.limitTokens),
      usedTokens: num(ext.usedTokens),
      remainingTokens: num(ext.remainingTokens),
      requestedTokens: num(ext.requestedTokens),
    },
    usage: usage && num(usage.inputTokens) !== undefined ? { inputTokens: num(usage.inputTokens)!, outputTokens: num(usage.outputTokens) ?? 0 } : undefined,
  };
}

const TITLES: Record<string, 'playground.quotaTitle' | 'playground.unavailableTitle' | 'playground.interruptedTitle' | 'playground.budgetTitle' | 'playground.dlpTitle'> = {
  QUOTA_EXCEEDED: 'playground.quotaTitle',
  BUDGET_EXCEEDED: 'playground.budgetTitle',
  DLP_BLOCKED: 'playground.dlpTitle',
  PROVIDER_UNAVAILABLE: 'playground.unavailableTitle',
  STREAM_INTERRUPTED: 'playground.interruptedTitle',
};

/**
 * A failed chat, in the reader's language: what happened (from the code and its
 * extensions), for a spent quota what is left and when it resets, for an
 * unavailable route every attempt, for a cut-off stream what was metered.
 */
export function ChatErrorPanel(props: { error: CombinedError }) {
  const { t, num: fmt } = useI18n();
  const failure = () => chatFailure(props.error);
  const title = () => {
    const code = failure().code;
    return code && TITLES[code] ? t(TITLES[code]) : t('error.title');
  };
  return (
    <div class="notice notice-error chat-error" role="alert" data-testid="chat-error" data-code={failure().code}>
      <Icon name="alert" class="notice-icon" />
      <div class="notice-body">
        <p class="notice-title">{title()}</p>
        <ErrorLines error={props.error} />
        <Switch>
          <Match when={failure().code === 'QUOTA_EXCEEDED'}>
            <div class="chat-error-extra">
              <Show when={failure().quota.limitTokens !== undefined && failure().quota.usedTokens !== undefined}>
                <div class="chat-error-quota">
                  <QuotaBar label={t(`playground.quota.${failure().quota.limit}`)} used={failure().quota.usedTokens!} limit={failure().quota.limitTokens!} />
                </div>
              </Show>
              <Show when={failure().quota.remainingTokens !== undefined && failure().quota.limitTokens !== undefined}>
                <p data-testid="quota-remaining">
                  {t('playground.quotaRemaining', {
                    remaining: fmt(failure().quota.remainingTokens!),
                    limit: fmt(failure().quota.limitTokens!),
                    requested: fmt(failure().quota.requestedTokens ?? 0),
                  })}
                </p>
              </Show>
            </div>
          </Match>
          <Match when={failure().code === 'STREAM_INTERRUPTED' && failure().usage}>
            {(usage) => (
              <p class="chat-error-extra">{t('playground.interruptedUsage', { input: fmt(usage().inputTokens), output: fmt(usage().outputTokens) })}</p>
            )}
          </Match>
        </Switch>
        <Show when={failure().attempts.length}>
          <div class="chat-error-attempts">
            <AttemptsTable attempts={failure().attempts} caption={t('playground.attempts')} />
          </div>
        </Show>
      </div>
    </div>
  );
}
