import { For, Show } from 'solid-js';
import type { DashboardDlpEventsQuery, DlpAction } from '../../../gql/graphql.ts';
import { useI18n } from '../../../i18n/index.tsx';

export type DlpEventRow = DashboardDlpEventsQuery['dlpEvents']['edges'][number]['node'];

const ACTION_TONE: Record<DlpAction, string> = { ALLOW: 'badge-neutral', LOG: 'badge-info', REDACT: 'badge-warning', BLOCK: 'badge-danger' };

/** The latest detector hits in prompts: what was found and what the policy did; never the matched text. */
export function DlpEventsTable(props: { events: readonly DlpEventRow[]; total: number; caption: string }) {
  const { t, num, time } = useI18n();
  return (
    <Show when={props.events.length} fallback={<p class="card-pad muted">{t('dlp.empty')}</p>}>
      <div class="table-wrap">
        <table class="table table-compact">
          <caption class="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dlp.col.time')}</th>
              <th scope="col">{t('dlp.col.user')}</th>
              <th scope="col">{t('dlp.col.detector')}</th>
              <th scope="col">{t('dlp.col.action')}</th>
              <th scope="col" class="num">
                {t('dlp.col.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.events}>
              {(e) => (
                <tr data-testid="dlp-row">
                  <td>{time(e.at)}</td>
                  <td>{e.user?.name ?? '—'}</td>
                  <td>
                    {t(`dlp.detector.${e.detector}`)}
                    <Show when={e.kind}>{(kind) => <span class="muted"> · {kind()}</span>}</Show>
                  </td>
                  <td>
                    <span class={`badge ${ACTION_TONE[e.action]}`} data-action={e.action}>
                      {t(`dlp.action.${e.action}`)}
                    </span>
                  </td>
                  <td class="num">{num(e.count)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="card-pad muted">{t('dlp.total', { count: num(props.total) })}</p>
    </Show>
  );
}
