import { For, Show } from 'solid-js';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { BreakdownRow } from './usage-data.ts';

/** Usage per user or per model, with each row's share of all tokens in the period. */
export function BreakdownTable(props: { title: string; dimension: string; rows: BreakdownRow[] }) {
  const { t, num } = useI18n();
  const total = () => props.rows.reduce((s, r) => s + r.inputTokens + r.outputTokens, 0);
  const share = (r: BreakdownRow) => (total() ? ((r.inputTokens + r.outputTokens) / total()) * 100 : 0);
  return (
    <div class="card">
      <div class="card-header">
        <h2 class="card-title">{props.title}</h2>
      </div>
      <Show when={props.rows.length} fallback={<EmptyState title={t('usage.empty')} icon="chart" />}>
        <div class="table-wrap">
          <table class="table table-compact">
            <caption class="sr-only">{t('usage.tableLabel', { dimension: props.dimension })}</caption>
            <thead>
              <tr>
                <th scope="col">{props.dimension}</th>
                <th scope="col" class="num">
                  {t('usage.input')}
                </th>
                <th scope="col" class="num">
                  {t('usage.output')}
                </th>
                <th scope="col" class="num">
                  {t('usage.requests')}
                </th>
                <th scope="col" class="col-share">
                  {t('usage.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(row) => (
                  <tr>
                    <th scope="row" class="row-head">
                      <span class="strong">{row.label}</span>
                      <Show when={row.sublabel}>
                        <span class="sublabel">{row.sublabel}</span>
                      </Show>
                    </th>
                    <td class="num">{num(row.inputTokens)}</td>
                    <td class="num">{num(row.outputTokens)}</td>
                    <td class="num">{num(row.requests)}</td>
                    <td class="col-share">
                      <div class="share">
                        <div class="share-track" aria-hidden="true">
                          <div class="share-fill" style={{ width: `${share(row)}%` }} />
                        </div>
                        <span class="share-value">{share(row).toFixed(1)}%</span>
                      </div>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
