import { For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { DlpActionBadge, useDetectorName } from '../../components/dlp/DlpBadges.tsx';
import { useRoleName } from '../../components/roles/role-names.ts';
import { PageHeader } from '../../components/States.tsx';
import type { DlpAction, DlpDetector } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ACTIONS } from '../../components/dlp/dlp-ids.ts';
import { columnKey, type PolicyColumn, type PolicyRow } from './policy-matrix.ts';
import './DlpPolicies.css';

/** '' on a role: no policy of its own (the organisation default applies). */
export type PolicyChoice = DlpAction | '';

export interface DlpPoliciesViewProps {
  columns: readonly PolicyColumn[];
  rows: readonly PolicyRow[] | undefined;
  error: CombinedError | undefined;
  onRetry: () => void;
  canWrite: boolean;
  onChange: (detector: DlpDetector, column: PolicyColumn, choice: PolicyChoice) => void;
}

/** What each detector does, for everyone (the organisation default) and per role. */
export function DlpPoliciesView(props: DlpPoliciesViewProps) {
  const { t } = useI18n();
  const detector = useDetectorName();
  const roleName = useRoleName();
  const columnName = (c: PolicyColumn) => (c.role ? roleName(c.role) : t('dlpPolicies.organisation'));
  const cell = (row: PolicyRow, column: PolicyColumn) => {
    const current = () => row.actions[columnKey(column.roleId)];
    const inherited = () => row.actions[columnKey(null)];
    return (
      <Show
        when={props.canWrite}
        fallback={
          <Show when={current()} fallback={<span class="muted">{column.roleId ? t('dlpPolicies.inherits') : t('dlpPolicies.notSet')}</span>}>
            {(action) => <DlpActionBadge action={action()} />}
          </Show>
        }
      >
        <select
          class="input select policy-select"
          data-action={current() ?? ''}
          aria-label={t('dlpPolicies.choiceLabel', { detector: detector(row.detector), scope: columnName(column) })}
          onChange={(e) => {
            const choice = e.currentTarget.value as PolicyChoice;
            // Show the current value until the change is confirmed (or cancelled).
            e.currentTarget.value = current() ?? '';
            props.onChange(row.detector, column, choice);
          }}
        >
          <Show when={column.roleId || !current()}>
            <option value="" selected={!current()}>
              {column.roleId ? t('dlpPolicies.inheritOption', { action: inherited() ? t(`dlp.action.${inherited()!}`) : t('dlpPolicies.notSet') }) : t('dlpPolicies.notSet')}
            </option>
          </Show>
          <For each={ACTIONS}>
            {(action) => (
              <option value={action} selected={current() === action}>
                {t(`dlpPolicies.action.${action}`)}
              </option>
            )}
          </For>
        </select>
      </Show>
    );
  };
  const columns = (): Column<PolicyRow>[] => [
    { id: 'detector', header: t('dlp.col.detector'), rowHeader: true, cell: (row) => <span class="strong">{detector(row.detector)}</span> },
    ...props.columns.map((c) => ({ id: columnKey(c.roleId), header: columnName(c), headerData: Boolean(c.role && !c.role.builtIn), cell: (row: PolicyRow) => cell(row, c) })),
  ];
  return (
    <section class="page">
      <PageHeader title={t('dlpPolicies.title')} subtitle={t('dlpPolicies.subtitle')} />
      <Card title={t('dlpPolicies.matrix')} subtitle={t('dlpPolicies.matrixHint')}>
        <DataTable
          caption={t('dlpPolicies.title')}
          columns={columns()}
          rows={props.rows}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="policy-row"
          rowProps={(r) => ({ 'data-detector': r.detector })}
          empty={{ title: t('dlpPolicies.empty'), icon: 'lock' }}
        />
      </Card>
      <Card title={t('dlpPolicies.legend')} pad>
        <dl class="details policy-legend">
          <For each={ACTIONS}>
            {(action) => (
              <div>
                <dt>
                  <DlpActionBadge action={action} />
                </dt>
                <dd>{t(`dlpPolicies.explain.${action}`)}</dd>
              </div>
            )}
          </For>
        </dl>
      </Card>
    </section>
  );
}
