import { Show } from 'solid-js';
import { DataTable, type Column } from '../../../components/DataTable/DataTable.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { Link } from '../../../lib/router.tsx';
import { useViewer } from '../../../lib/viewer.tsx';
import type { UsageEventRow } from '../live-usage.ts';

const OUTCOME_TONE: Record<string, string> = { ok: 'badge-success', failed: 'badge-danger', interrupted: 'badge-warning', disconnected: 'badge-neutral', refused: 'badge-warning' };

/** The latest settled chats, newest first. */
export function LiveActivityTable(props: { events: readonly UsageEventRow[]; caption: string }) {
  const { t, num, time, ms } = useI18n();
  const viewer = useViewer();
  const outcome = (o: string) => (o in OUTCOME_TONE ? t(`outcome.${o}` as MessageKey) : o);
  const columns = (): Column<UsageEventRow>[] => [
    { id: 'time', header: t('activity.col.time'), class: 'nowrap muted-strong', cell: (e) => time(e.at) },
    {
      id: 'user',
      header: t('activity.col.user'),
      cell: (e) => (
        <Show when={e.user} fallback={<span class="muted">{t('usage.unknownUser')}</span>}>
          {(user) => (
            <span class="stacked" title={user().email}>
              <span class="person-name">{user().name}</span>
              <span class="sublabel">{user().email}</span>
            </span>
          )}
        </Show>
      ),
    },
    { id: 'model', header: t('activity.col.model'), cell: (e) => <code>{e.model}</code> },
    {
      id: 'provider',
      header: t('activity.col.provider'),
      cell: (e) => (
        <span class="nowrap">
          {e.provider ? <span translate="no">{e.provider}</span> : <span class="muted">—</span>}
          <Show when={e.fellBack}>
            {' '}
            <span class="route-tag route-tag-fallback">
              <Icon name="shuffle" size={12} />
              {t('activity.fellBack')}
            </span>
          </Show>
        </span>
      ),
    },
    {
      id: 'tokens',
      header: t('activity.col.tokens'),
      numeric: true,
      cell: (e) => `${num(e.inputTokens)} / ${num(e.outputTokens)}`,
    },
    { id: 'latency', header: t('activity.col.latency'), numeric: true, cell: (e) => ms(e.latencyMs) },
    { id: 'outcome', header: t('activity.col.outcome'), cell: (e) => <span class={`badge ${OUTCOME_TONE[e.outcome] ?? 'badge-neutral'}`}>{outcome(e.outcome)}</span> },
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns()}
      rows={props.events}
      compact
      rowTestId="activity-row"
      rowProps={() => ({ class: 'activity-row' })}
      empty={{
        icon: 'activity',
        title: t('dashboard.activityEmpty'),
        hint: viewer.can('chat') ? t('dashboard.activityEmptyHint') : undefined,
        action: viewer.can('chat') ? (
          <Link to="/playground" class="btn btn-secondary btn-sm">
            <Icon name="message" size={14} />
            {t('dashboard.openPlayground')}
          </Link>
        ) : undefined,
      }}
    />
  );
}
