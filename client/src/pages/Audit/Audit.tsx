import { createUniqueId, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import type { ServerPaging } from '../../components/DataTable/paging.ts';
import { PageHeader } from '../../components/States.tsx';
import { UserSelect } from '../../components/users/UserSelect.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AUDIT_ACTION_GROUPS, actionTone, type AuditActionGroup } from './audit-actions.ts';
import { useAuditText } from './audit-text.ts';
import { AuditActor, AuditDetail, AuditTarget, type AuditRecordRow } from './AuditDetail.tsx';
import { AuditTools, type AuditToolsProps } from './AuditTools.tsx';
import './Audit.css';
import { DateRangeFields } from '../../components/DateRangeFields.tsx';

export interface AuditFilters {
  action: string;
  /** A whole group of actions (audit-actions.ts), instead of one action. */
  group: string;
  userId: string;
  from: string;
  to: string;
}

export interface AuditViewProps {
  filters: AuditFilters;
  onFilters: (f: Partial<AuditFilters>) => void;
  rangeError: string | undefined;
  /** Filtering by actor lists users, which needs users:read. */
  canPickActor: boolean;
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  records: readonly AuditRecordRow[] | undefined;
  paging: ServerPaging;
  open: AuditRecordRow | null;
  onOpen: (record: AuditRecordRow | null) => void;
  tools: AuditToolsProps;
}

export function AuditView(props: AuditViewProps) {
  const { t, dateTime } = useI18n();
  const text = useAuditText();
  const actionId = createUniqueId();
  const columns = (): Column<AuditRecordRow>[] => [
    { id: 'at', header: t('audit.col.at'), class: 'nowrap muted-strong', cell: (r) => dateTime(r.at, true) },
    {
      id: 'action',
      header: t('audit.col.action'),
      cell: (r) => (
        <span class={`badge badge-action badge-${actionTone(r.action)}`} data-action={r.action}>
          {text.action(r.action)}
        </span>
      ),
    },
    { id: 'actor', header: t('audit.col.actor'), cell: (r) => <AuditActor record={r} /> },
    { id: 'target', header: t('audit.col.target'), cell: (r) => <AuditTarget record={r} short /> },
    {
      id: 'details',
      header: t('audit.col.details'),
      class: 'cell-summary',
      cell: (r) => {
        const summary = text.summary(r);
        return (
          <span class="audit-summary">
            <Show when={r.action === 'chat' && r.model}>
              <code>{r.model}</code>
              {' · '}
            </Show>
            {typeof summary === 'object' ? <span translate="no">{summary.data}</span> : summary || <span class="muted">{t('audit.noDetails')}</span>}
          </span>
        );
      },
    },
  ];
  return (
    <section class="page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <div class="card">
        <div class="card-pad filters">
          <div class="filters-row">
            <div class="field">
              <label class="field-label" for={actionId}>
                {t('audit.action')}
              </label>
              <select
                id={actionId}
                name="action"
                class="input select"
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  props.onFilters(value.startsWith('group:') ? { group: value.slice(6), action: '' } : { action: value, group: '' });
                }}
              >
                <option value="" selected={props.filters.action === '' && props.filters.group === ''}>
                  {t('audit.anyAction')}
                </option>
                <For each={Object.keys(AUDIT_ACTION_GROUPS) as AuditActionGroup[]}>
                  {(group) => (
                    <optgroup label={text.group(group)}>
                      <option value={`group:${group}`} selected={props.filters.group === group}>
                        {t('audit.wholeGroup', { group: text.group(group) })}
                      </option>
                      <For each={AUDIT_ACTION_GROUPS[group]}>
                        {(action) => (
                          <option value={action} selected={props.filters.action === action}>
                            {text.action(action)}
                          </option>
                        )}
                      </For>
                    </optgroup>
                  )}
                </For>
              </select>
            </div>
            <Show when={props.canPickActor}>
              <UserSelect label={t('audit.actor')} name="actor" value={props.filters.userId} onValue={(userId) => props.onFilters({ userId })} anyLabel={t('audit.anyone')} />
            </Show>
            <DateRangeFields
              from={props.filters.from}
              to={props.filters.to}
              onFrom={(from) => props.onFilters({ from })}
              onTo={(to) => props.onFilters({ to })}
              error={props.rangeError}
              refreshing={Boolean(props.loading && props.records)}
            />
          </div>
        </div>
        <DataTable
          caption={t('audit.title')}
          columns={columns()}
          rows={props.records}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="audit-row"
          rowProps={(r) => ({ 'data-action': r.action })}
          onRowOpen={(r) => props.onOpen(r)}
          rowOpenLabel={(r) => t('audit.openRecord', { action: text.action(r.action), at: dateTime(r.at, true) })}
          paging={props.paging}
          empty={{ title: t('audit.empty'), icon: 'audit' }}
        />
      </div>
      <AuditTools {...props.tools} />
      <Show when={props.open}>{(record) => <AuditDetail record={record()} onClose={() => props.onOpen(null)} />}</Show>
    </section>
  );
}
