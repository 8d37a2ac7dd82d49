import { For, Show } from 'solid-js';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Icon } from '../../components/Icon.tsx';
import type { ChatResultFieldsFragment } from '../../gql/graphql.ts';
import { hasMessage, useI18n } from '../../i18n/index.tsx';
import { AttemptsTable, attemptRoutes } from './AttemptsTable.tsx';

/** What a finished chat cost and how it was routed: tokens, who answered, latency, ids and every attempt. */
export function ChatResultPanel(props: { result: ChatResultFieldsFragment }) {
  const { t, tc, num, ms } = useI18n();
  const viaFallback = () => attemptRoutes(props.result.attempts).includes('fallback');
  return (
    <section class="card" aria-labelledby="chat-result-title" data-testid="chat-result">
      <div class="card-header">
        <h2 class="card-title" id="chat-result-title">
          {t('playground.details')}
        </h2>
        <span class="muted nowrap">
          {tc('playground.attemptsCount', props.result.attempts.length)}
        </span>
      </div>
      <div class="result-stats">
        <div class="stat">
          <span class="stat-label">{t('playground.inputTokens')}</span>
          <span class="stat-value" data-testid="result-input-tokens">
            {num(props.result.usage.inputTokens)}
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('playground.outputTokens')}</span>
          <span class="stat-value" data-testid="result-output-tokens">
            {num(props.result.usage.outputTokens)}
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('playground.latency')}</span>
          <span class="stat-value">{ms(props.result.latencyMs)}</span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('playground.answeredBy')}</span>
          <span class="stat-value stat-value-sm" data-testid="result-answered-by" title={`${props.result.provider} · ${props.result.model}`}>
            <span translate="no">{props.result.provider}</span>
            <code class="stat-sub">{props.result.model}</code>
          </span>
          <Show when={viaFallback()}>
            <span class="route-tag route-tag-fallback result-fallback">
              <Icon name="shuffle" size={12} />
              {t('playground.viaFallback')}
            </span>
          </Show>
        </div>
      </div>
      <dl class="details card-pad result-details">
        <div>
          <dt>{t('playground.requestedModel')}</dt>
          <dd>
            <code>{props.result.requestedModel}</code>
          </dd>
        </div>
        <div>
          <dt>{t('playground.finishReason')}</dt>
          <dd>{props.result.finishReason ? (hasMessage(`finishReason.${props.result.finishReason}`) ? t(`finishReason.${props.result.finishReason}` as 'finishReason.stop') : <code>{props.result.finishReason}</code>) : <span class="muted">—</span>}</dd>
        </div>
        <div class="details-wide">
          <dt>{t('playground.requestId')}</dt>
          <dd class="request-id">
            <code data-testid="result-request-id">{props.result.requestId}</code>
            <CopyButton text={props.result.requestId} label={t('playground.requestId')} />
          </dd>
        </div>
      </dl>
      <Show when={props.result.toolCalls.length}>
        <h3 class="subheading result-subheading">{t('playground.toolCalls')}</h3>
        <ul class="tool-calls card-pad" data-testid="result-tool-calls">
          <For each={props.result.toolCalls}>
            {(call) => (
              <li>
                <code translate="no">{call.name}</code> <code class="muted">{call.id}</code>
                <pre class="tool-call-arguments">{call.arguments}</pre>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3 class="subheading result-subheading">{t('playground.attempts')}</h3>
      <AttemptsTable attempts={props.result.attempts} caption={t('playground.attempts')} />
    </section>
  );
}
