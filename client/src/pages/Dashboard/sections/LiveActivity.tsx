import { For, Show } from 'solid-js';
import { EmptyState } from '../../../components/States.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { Link } from '../../../lib/router.tsx';
import type { UsageEventRow } from '../live-usage.ts';

const OUTCOME_TONE: Record<string, string> = { ok: 'badge-success', failed: 'badge-danger', interrupted: 'badge-warning', disconnected: 'badge-neutral' };

/** The latest settled chats, newest first. */
export function LiveActivityTable(props: { events: readonly UsageEventRow[]; caption: string }) {
  const { t, num, time, compact } = useI18n();
  const outcome = (o: string) => (o in OUTCOME_TONE ? t(`outcome.${o}` as MessageKey) : o);
  return (
    <Show
      when={props.events.length}
      fallback={
        <EmptyState
          icon="activity"
          title={t('dashboard.activityEmpty')}
          hint={t('dashboard.activityEmptyHint')}
          action={
            <Link to="/playground" class="btn btn-secondary btn-sm">
              <Icon name="message" size={14} />
              {t('dashboard.openPlayground')}
            </Link>
          }
        />
      }
    >
      <div class="table-wrap">
        <table class="table table-compact">
          <caption class="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.col.time')}</th>
              <th scope="col">{t('activity.col.user')}</th>
              <th scope="col">{t('activity.col.model')}</th>
              <th scope="col">{t('activity.col.provider')}</th>
              <th scope="col" class="num">
                {t('activity.col.tokens')}
              </th>
              <th scope="col" class="num">
                {t('activity.col.latency')}
              </th>
              <th scope="col">{t('activity.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.events}>
              {(e) => (
                <tr data-testid="activity-row" class="activity-row">
                  <td class="nowrap muted-strong">{time(e.at)}</td>
                  <td>
                    <Show when={e.user} fallback={<span class="muted">{t('usage.unknownUser')}</span>}>
                      {(user) => (
                        <span class="stacked" title={user().email}>
                          <span>{user().name}</span>
                          <span class="sublabel">{user().email}</span>
                        </span>
                      )}
                    </Show>
                  </td>
                  <td>
                    <code>{e.model}</code>
                  </td>
                  <td>
                    <span class="nowrap">
                      {e.provider ?? <span class="muted">—</span>}
                      <Show when={e.fellBack}>
                        {' '}
                        <span class="route-tag route-tag-fallback">
                          <Icon name="shuffle" size={12} />
                          {t('activity.fellBack')}
                        </span>
                      </Show>
                    </span>
                  </td>
                  <td class="num" title={`${num(e.inputTokens)} / ${num(e.outputTokens)}`}>
                    {compact(e.inputTokens)} / {compact(e.outputTokens)}
                  </td>
                  <td class="num">{t('common.ms', { ms: num(e.latencyMs) })}</td>
                  <td>
                    <span class={`badge ${OUTCOME_TONE[e.outcome] ?? 'badge-neutral'}`}>{outcome(e.outcome)}</span>
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
