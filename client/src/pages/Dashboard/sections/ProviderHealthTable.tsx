import { For, Show } from 'solid-js';
import type { CircuitState, ProviderHealthQuery } from '../../../gql/graphql.ts';
import { useI18n } from '../../../i18n/index.tsx';

export type ProviderRow = ProviderHealthQuery['providers'][number];

const CIRCUIT_TONE: Record<CircuitState, string> = { CLOSED: 'badge-success', HALF_OPEN: 'badge-warning', OPEN: 'badge-danger' };

/** Above this share of failed attempts the rate is shown as a warning. */
const ERROR_RATE_WARN = 0.05;

export function CircuitBadge(props: { state: CircuitState }) {
  const { t } = useI18n();
  return (
    <span class={`badge ${CIRCUIT_TONE[props.state]}`} data-circuit={props.state} title={t(`circuit.${props.state}.hint`)}>
      {t(`circuit.${props.state}`)}
    </span>
  );
}

/** Each provider instance: loaded or not (and why), circuit state, and the last five minutes of traffic. */
export function ProviderHealthTable(props: { providers: readonly ProviderRow[]; caption: string }) {
  const { t, num, percent, locale } = useI18n();
  // A local mock answers in well under a millisecond; keep one decimal below 10 ms so it does not read as 0.
  const latency = (ms: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: ms < 10 ? 1 : 0 }).format(ms);
  return (
    <Show when={props.providers.length} fallback={<p class="card-pad muted">{t('providers.empty')}</p>}>
      <div class="table-wrap">
        <table class="table table-compact">
          <caption class="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('providers.col.provider')}</th>
              <th scope="col">{t('providers.col.availability')}</th>
              <th scope="col">{t('providers.col.circuit')}</th>
              <th scope="col" class="num">
                {t('providers.col.errorRate')}
              </th>
              <th scope="col" class="num">
                {t('providers.col.p50')}
              </th>
              <th scope="col" class="num">
                {t('providers.col.requests')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.providers}>
              {(p) => (
                <tr data-testid="provider-row" data-available={String(p.available)} classList={{ 'row-unavailable': !p.available }}>
                  <th scope="row" class="row-head">
                    <span class="stacked">
                      <span class="strong">{p.id}</span>
                      <span class="sublabel">{t('providers.plugin', { plugin: p.plugin })}</span>
                    </span>
                  </th>
                  <td>
                    <span class="stacked">
                      <span>
                        <span class={`badge ${p.available ? 'badge-success' : 'badge-danger'}`}>{t(p.available ? 'providers.available' : 'providers.unavailable')}</span>
                      </span>
                      <Show when={p.loadError}>
                        <span class="load-error" data-testid="provider-load-error">
                          {p.loadError}
                        </span>
                      </Show>
                    </span>
                  </td>
                  <td>
                    <CircuitBadge state={p.circuit} />
                  </td>
                  <td class="num" data-testid="provider-error-rate">
                    <Show when={p.requests > 0} fallback={<span class="muted">—</span>}>
                      <span classList={{ 'rate-bad': p.errorRate >= ERROR_RATE_WARN }}>{percent(p.errorRate)}</span>
                    </Show>
                  </td>
                  <td class="num">
                    <Show when={p.p50LatencyMs !== null} fallback={<span class="muted">—</span>}>
                      {t('common.ms', { ms: latency(p.p50LatencyMs!) })}
                    </Show>
                  </td>
                  <td class="num">
                    <Show when={p.requests > 0} fallback={<span class="muted">{t('providers.noTraffic')}</span>}>
                      {num(p.requests)}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
