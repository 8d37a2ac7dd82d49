import { createUniqueId, For, Match, Show, Switch } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { Metadata } from '../../components/Metadata.tsx';
import { Pager } from '../../components/Pager.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/States.tsx';
import type { AuditPageQuery } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';

export const KNOWN_ACTIONS = [
  'login',
  'login.failed',
  'user.create',
  'user.update',
  'user.status',
  'user.roles',
  'user.delete',
  'role.create',
  'role.update',
  'role.delete',
  'quota.update',
  'apikey.create',
  'apikey.revoke',
  'chat',
];

export type AuditRecordRow = AuditPageQuery['auditLog']['edges'][number]['node'];

export interface AuditFilters {
  action: string;
  userId: string;
  from: string;
  to: string;
}

export interface AuditViewProps {
  filters: AuditFilters;
  onFilters: (f: AuditFilters) => void;
  rangeError: string | undefined;
  actors: readonly { id: string; name: string; email: string }[];
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  records: readonly AuditRecordRow[] | undefined;
  totalCount: number;
  page: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

function actionTone(action: string) {
  if (action.endsWith('.failed')) return 'danger';
  if (action.endsWith('.delete') || action.endsWith('.revoke')) return 'warning';
  if (action.endsWith('.create')) return 'success';
  return 'neutral';
}

export function AuditView(props: AuditViewProps) {
  const { t, dateTime, num } = useI18n();
  const actionId = createUniqueId();
  const listId = createUniqueId();
  const set = (patch: Partial<AuditFilters>) => props.onFilters({ ...props.filters, ...patch });
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
              <input
                id={actionId}
                class="input"
                list={listId}
                placeholder={t('audit.actionPlaceholder')}
                value={props.filters.action}
                onChange={(e) => set({ action: e.currentTarget.value.trim() })}
              />
              <datalist id={listId}>
                <For each={KNOWN_ACTIONS}>{(a) => <option value={a} />}</For>
              </datalist>
            </div>
            <SelectField
              label={t('audit.actor')}
              value={props.filters.userId}
              onValue={(userId) => set({ userId })}
              options={[{ value: '', label: t('audit.anyone') }, ...props.actors.map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))]}
            />
            <TextField label={t('audit.from')} type="date" name="from" value={props.filters.from} onValue={(from) => set({ from })} error={props.rangeError} />
            <TextField label={t('audit.to')} type="date" name="to" value={props.filters.to} onValue={(to) => set({ to })} />
          </div>
        </div>
        <Switch>
          <Match when={props.error}>
            {(error) => (
              <div class="card-pad">
                <ErrorNotice error={error()} onRetry={props.onRetry} />
              </div>
            )}
          </Match>
          <Match when={!props.records}>
            <Loading />
          </Match>
          <Match when={props.records!.length === 0}>
            <EmptyState title={t('audit.empty')} icon="audit" />
          </Match>
          <Match when={props.records}>
            {(records) => (
              <>
                <div class="table-wrap">
                  <table class="table table-audit">
                    <caption class="sr-only">{t('audit.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('audit.col.at')}</th>
                        <th scope="col">{t('audit.col.action')}</th>
                        <th scope="col">{t('audit.col.actor')}</th>
                        <th scope="col">{t('audit.col.target')}</th>
                        <th scope="col">{t('audit.col.details')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={records()}>
                        {(r) => (
                          <tr data-testid="audit-row">
                            <td class="nowrap muted-strong">{dateTime(r.at)}</td>
                            <td>
                              <code class={`badge badge-action badge-${actionTone(r.action)}`}>{r.action}</code>
                            </td>
                            <td>
                              <Show when={r.user} fallback={<span class="muted">{r.userId ?? t('audit.system')}</span>}>
                                {(u) => (
                                  <span class="stacked">
                                    <span class="strong">{u().name}</span>
                                    <span class="sublabel">{u().email}</span>
                                  </span>
                                )}
                              </Show>
                            </td>
                            <td>
                              <Show when={r.targetType || r.targetId} fallback={<span class="muted">—</span>}>
                                <span class="stacked">
                                  <span>{r.targetType}</span>
                                  <code class="sublabel mono" title={r.targetId ?? ''}>
                                    {r.targetId && r.targetId.length > 13 ? `${r.targetId.slice(0, 8)}…` : r.targetId}
                                  </code>
                                </span>
                              </Show>
                            </td>
                            <td class="cell-meta">
                              <Metadata
                                value={{
                                  ...(r.metadata as object),
                                  ...(r.model ? { model: r.model } : {}),
                                  ...(r.provider ? { provider: r.provider } : {}),
                                  ...(r.inputTokens != null ? { inputTokens: num(r.inputTokens) } : {}),
                                  ...(r.outputTokens != null ? { outputTokens: num(r.outputTokens) } : {}),
                                  ...(r.latencyMs != null ? { latencyMs: `${num(r.latencyMs)} ms` } : {}),
                                }}
                                empty={t('audit.noDetails')}
                              />
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <Pager
                  label={t('audit.title')}
                  page={props.page}
                  totalCount={props.totalCount}
                  hasNext={props.hasNext}
                  onPrevious={props.onPrevious}
                  onNext={props.onNext}
                />
              </>
            )}
          </Match>
        </Switch>
      </div>
    </section>
  );
}
