import { For, Show } from 'solid-js';
import { Icon } from '../../components/Icon.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** One try against one provider, as Query results and error extensions both carry it. */
export interface AttemptRow {
  provider: string;
  model: string;
  error?: string | null;
  code?: string | null;
  status?: number | null;
  latencyMs: number;
}

export type AttemptRoute = 'primary' | 'retry' | 'fallback';

/** The first try is the primary; the same target again is a retry; any other target is a fallback. */
export function attemptRoutes(attempts: readonly AttemptRow[]): AttemptRoute[] {
  const seen = new Set<string>();
  return attempts.map((a, i) => {
    const key = `${a.provider}\u0000${a.model}`;
    const route: AttemptRoute = i === 0 ? 'primary' : seen.has(key) ? 'retry' : 'fallback';
    seen.add(key);
    return route;
  });
}

const answered = (a: AttemptRow) => !a.code && !a.error;

export function AttemptsTable(props: { attempts: readonly AttemptRow[]; caption: string }) {
  const { t, num } = useI18n();
  const routes = () => attemptRoutes(props.attempts);
  return (
    <div class="table-wrap">
      <table class="table table-compact">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('playground.attempt.col.route')}</th>
            <th scope="col">{t('playground.attempt.col.provider')}</th>
            <th scope="col">{t('playground.attempt.col.result')}</th>
            <th scope="col" class="num">
              {t('playground.attempt.col.status')}
            </th>
            <th scope="col" class="num">
              {t('playground.attempt.col.latency')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.attempts}>
            {(attempt, i) => (
              <tr data-testid="attempt-row" data-route={routes()[i()]} classList={{ 'attempt-fallback': routes()[i()] === 'fallback' }}>
                <td class="muted">{i() + 1}</td>
                <td>
                  <span class={`route-tag route-tag-${routes()[i()]}`}>
                    <Show when={routes()[i()] === 'fallback'}>
                      <Icon name="shuffle" size={12} />
                    </Show>
                    {t(`playground.attempt.${routes()[i()]}`)}
                  </span>
                </td>
                <td>
                  <span class="target">
                    <span class="strong">{attempt.provider}</span>
                    <span class="muted"> · </span>
                    <code>{attempt.model}</code>
                  </span>
                </td>
                <td>
                  <Show
                    when={!answered(attempt)}
                    fallback={<span class="badge badge-success">{t('playground.attempt.answered')}</span>}
                  >
                    <div class="attempt-failure">
                      <Show when={attempt.code}>
                        <code class="error-code attempt-code">{attempt.code}</code>
                      </Show>
                      <Show when={attempt.error}>
                        <span class="attempt-error">{attempt.error}</span>
                      </Show>
                    </div>
                  </Show>
                </td>
                <td class="num">{attempt.status ?? <span class="muted">—</span>}</td>
                <td class="num">{t('common.ms', { ms: num(Math.round(attempt.latencyMs)) })}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
