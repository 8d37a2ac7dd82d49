import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, on, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import type { RateLimitScope } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNotice } from '../ErrorNotice.tsx';
import { TextField } from '../Field.tsx';
import { Form, FormActions } from '../Form.tsx';
import { createFormErrors } from '../form-errors.ts';
import { Loading } from '../States.tsx';
import { toast } from '../Toasts.tsx';
import { ClearRateLimitMutation, RateLimitsQuery, SetRateLimitMutation } from './documents.ts';
import { parsePerMinute } from './rate-limit-values.ts';

export interface RateLimitPanelProps {
  scope: RateLimitScope;
  targetId: string;
  /** quotas:write: the form; else the limits read-only. */
  canWrite: boolean;
  hint?: string;
  /** After a save or removal (the roles page refreshes its column). */
  onChanged?: () => void;
}

const show = (value: number | null | undefined) => (value == null ? '' : String(value));

/** The requests and tokens per minute of one user or role: loads, shows and (with quotas:write) sets or removes them. */
export function RateLimitPanel(props: RateLimitPanelProps) {
  const { t, num } = useI18n();
  const [query, refetch] = createQuery({ query: RateLimitsQuery, variables: () => ({ scope: props.scope, targetId: props.targetId }) });
  const [setState, setLimit] = createMutation(SetRateLimitMutation);
  const [clearState, clearLimit] = createMutation(ClearRateLimitMutation);
  const current = () => query.data?.rateLimits[0];
  const [requests, setRequests] = createSignal('');
  const [tokens, setTokens] = createSignal('');
  createEffect(
    on(current, (limit) => {
      setRequests(show(limit?.requestsPerMinute));
      setTokens(show(limit?.tokensPerMinute));
    }),
  );
  const [error, setError] = createSignal<CombinedError | null>(null);
  const errors = createFormErrors({ error, fields: ['requestsPerMinute', 'tokensPerMinute'] });
  const done = (message: string) => {
    toast(message);
    refetch({ requestPolicy: 'network-only' });
    props.onChanged?.();
  };

  const submit = () => {
    const r = parsePerMinute(requests());
    const k = parsePerMinute(tokens());
    const none = r.ok && k.ok && r.value === null && k.value === null;
    const found = { requestsPerMinute: r.ok ? (none ? { key: 'rateLimits.needOne' as const } : null) : r.problem, tokensPerMinute: k.ok ? null : k.problem };
    if (!errors.check(found) || !r.ok || !k.ok) return false;
    setError(null);
    void setLimit({ scope: props.scope, targetId: props.targetId, requestsPerMinute: r.value, tokensPerMinute: k.value }).then((result) =>
      result.error ? setError(result.error) : done(t('rateLimits.saved')),
    );
  };
  const clear = async () => {
    setError(null);
    const result = await clearLimit({ scope: props.scope, targetId: props.targetId });
    if (result.error) return setError(result.error);
    done(t('rateLimits.cleared'));
  };
  const perMinute = (value: number | null | undefined) => (value == null ? t('rateLimits.unlimited') : num(value));

  return (
    <div class="rate-limit-panel" data-testid={`rate-limit-${props.scope.toLowerCase()}`}>
      <Show when={props.hint}>{(hint) => <p class="field-hint">{hint()}</p>}</Show>
      <Show when={!query.error} fallback={<ErrorNotice error={query.error!} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}>
        <Show when={query.data} fallback={<Loading />}>
          <Show
            when={props.canWrite}
            fallback={
              <p data-testid="rate-limit-readonly">
                {current() ? t('rateLimits.current', { requests: perMinute(current()!.requestsPerMinute), tokens: perMinute(current()!.tokensPerMinute) }) : t('rateLimits.none')}
              </p>
            }
          >
            <Form onSubmit={submit} error={errors.general()} refusal={error()} label={t('rateLimits.title')}>
              <div class="form-row">
                <TextField
                  label={t('rateLimits.requestsPerMinute')}
                  name="requestsPerMinute"
                  inputmode="numeric"
                  placeholder={t('common.unlimited')}
                  value={requests()}
                  onValue={(v) => (setRequests(v), errors.edited('requestsPerMinute'))}
                  error={errors.message('requestsPerMinute')}
                />
                <TextField
                  label={t('rateLimits.tokensPerMinute')}
                  name="tokensPerMinute"
                  inputmode="numeric"
                  placeholder={t('common.unlimited')}
                  value={tokens()}
                  onValue={(v) => (setTokens(v), errors.edited('tokensPerMinute'))}
                  error={errors.message('tokensPerMinute')}
                />
              </div>
              <p class="field-hint">{t('rateLimits.hint')}</p>
              <FormActions
                busy={setState.fetching}
                submitLabel={t('rateLimits.save')}
                extra={
                  <Show when={current()}>
                    <button type="button" class="btn btn-secondary" disabled={clearState.fetching} onClick={() => void clear()}>
                      {t('rateLimits.clear')}
                    </button>
                  </Show>
                }
              />
            </Form>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
