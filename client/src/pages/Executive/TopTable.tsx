import { For, Show } from 'solid-js';
import { EmptyState, Loading } from '../../components/States.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { useI18n } from '../../i18n/index.tsx';

export interface TopRow {
  key: string;
  label: string;
  sublabel?: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
}

/** The heaviest users, models or providers over the range, by tokens. */
export function TopTable(props: { title: string; dimension: string; rows: readonly TopRow[] | undefined; icon: IconName; testId: string }) {
  const { t, num, compact } = useI18n();
  return (
    <section class="card" aria-label={props.title} data-testid={props.testId}>
      <div class="card-header">
        <h2 class="card-title">{props.title}</h2>
      </div>
      <Show when={props.rows} fallback={<Loading />}>
        {(rows) => (
          <Show when={rows().length} fallback={<EmptyState icon={props.icon} title={t('executive.noChats')} />}>
            <div class="table-wrap">
              <table class="table table-compact">
                <caption class="sr-only">{props.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{props.dimension}</th>
                    <th scope="col" class="num">
                      {t('executive.col.tokens')}
                    </th>
                    <th scope="col" class="num">
                      {t('executive.col.requests')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(row) => (
                      <tr data-testid="top-row">
                        <th scope="row" class="row-head">
                          <span class="stacked">
                            <span class="strong nowrap">{row.label}</span>
                            <Show when={row.sublabel}>
                              <span class="sublabel">{row.sublabel}</span>
                            </Show>
                          </span>
                        </th>
                        <td class="num" title={t('dashboard.inOut', { input: num(row.inputTokens), output: num(row.outputTokens) })}>
                          {compact(row.inputTokens + row.outputTokens)}
                        </td>
                        <td class="num">
                          <span class="stacked">
                            <span>{num(row.requests)}</span>
                            <Show when={row.errors > 0}>
                              <span class="sublabel rate-bad" data-testid="top-errors">
                                {t('executive.failed', { count: num(row.errors) })}
                              </span>
                            </Show>
                          </span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}

export interface DlpCountRow {
  detector: string;
  action: string;
  events: number;
  hits: number;
}

const ACTION_TONE: Record<string, string> = { ALLOW: 'badge-neutral', LOG: 'badge-info', REDACT: 'badge-warning', BLOCK: 'badge-danger' };
const DETECTORS = new Set(['BANK_CARD', 'CN_ID', 'EMAIL', 'IBAN', 'IP_ADDRESS', 'PHONE', 'SECRET']);

/** DLP events over the range by detector and what the policy did. */
export function DlpCountsTable(props: { rows: readonly DlpCountRow[] | undefined }) {
  const { t, num } = useI18n();
  const detector = (d: string) => (DETECTORS.has(d) ? t(`dlp.detector.${d}` as 'dlp.detector.EMAIL') : d);
  const action = (a: string) => (a in ACTION_TONE ? t(`dlp.action.${a}` as 'dlp.action.LOG') : a);
  return (
    <section class="card" aria-label={t('executive.dlp')} data-testid="executive-dlp">
      <div class="card-header">
        <div>
          <h2 class="card-title">{t('executive.dlp')}</h2>
          <p class="card-subtitle">{t('executive.dlpHint')}</p>
        </div>
      </div>
      <Show when={props.rows} fallback={<Loading />}>
        {(rows) => (
          <Show when={rows().length} fallback={<EmptyState icon="lock" title={t('executive.dlpEmpty')} />}>
            <div class="table-wrap">
              <table class="table table-compact">
                <caption class="sr-only">{t('executive.dlp')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dlp.col.detector')}</th>
                    <th scope="col">{t('dlp.col.action')}</th>
                    <th scope="col" class="num">
                      {t('executive.col.events')}
                    </th>
                    <th scope="col" class="num">
                      {t('executive.col.hits')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(row) => (
                      <tr data-testid="dlp-count-row">
                        <th scope="row" class="row-head">
                          {detector(row.detector)}
                        </th>
                        <td>
                          <span class={`badge ${ACTION_TONE[row.action] ?? 'badge-neutral'}`}>{action(row.action)}</span>
                        </td>
                        <td class="num">{num(row.events)}</td>
                        <td class="num">{num(row.hits)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
