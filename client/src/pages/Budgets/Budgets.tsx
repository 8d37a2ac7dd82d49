import { Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { BudgetAlertList, type BudgetAlertRow } from '../../components/budgets/BudgetAlertList.tsx';
import { budgetLevel, BudgetMeter, HardStopBadge } from '../../components/budgets/BudgetBars.tsx';
import { useBudgetName } from '../../components/budgets/budget-names.ts';
import { Card } from '../../components/Card.tsx';
import { actionsColumn, EditDeleteButtons, Stacked } from '../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import type { ServerPaging } from '../../components/DataTable/paging.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PageHeader } from '../../components/States.tsx';
import type { BudgetFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { BudgetForm, type BudgetFormProps } from './BudgetForm.tsx';
import './Budgets.css';

export interface BudgetsViewProps {
  budgets: readonly BudgetFieldsFragment[] | undefined;
  error: CombinedError | undefined;
  onRetry: () => void;
  canWrite: boolean;
  /** null: closed; 'new'; or the budget being edited */
  editing: BudgetFieldsFragment | 'new' | null;
  onEdit: (b: BudgetFieldsFragment | 'new' | null) => void;
  onDelete: (b: BudgetFieldsFragment) => void;
  form: Omit<BudgetFormProps, 'initial' | 'onCancel'>;
  alerts: { rows: readonly BudgetAlertRow[] | undefined; error: CombinedError | undefined; onRetry: () => void; paging: ServerPaging };
}

export function BudgetsView(props: BudgetsViewProps) {
  const { t, money, percent, num, dateTime } = useI18n();
  const name = useBudgetName();
  const columns = (): Column<BudgetFieldsFragment>[] => [
    {
      id: 'budget',
      header: t('budgets.col.budget'),
      rowHeader: true,
      sortValue: (b) => name(b),
      cell: (b) => <Stacked primary={name(b)} secondary={t(`budgets.scope.${b.scope}`)} data={b.scope !== 'ORGANISATION'} />,
    },
    {
      id: 'spent',
      header: t('budgets.col.spent'),
      class: 'col-meter',
      sortValue: (b) => b.status.percent,
      cell: (b) => (
        <div class="budget-cell" data-level={budgetLevel(b)}>
          <BudgetMeter budget={b} />
          <span class="budget-cell-text">
            {t('budgets.spentOf', { spent: money(b.status.spent, b.currency), amount: money(b.amount, b.currency) })} · {percent(b.status.percent / 100)}
          </span>
        </div>
      ),
    },
    { id: 'amount', header: t('budgets.col.amount'), numeric: true, sortValue: (b) => b.amount, cell: (b) => money(b.amount, b.currency) },
    { id: 'thresholds', header: t('budgets.col.thresholds'), class: 'nowrap', cell: (b) => b.thresholds.map((x) => `${num(x)}%`).join(' · ') },
    { id: 'hardStop', header: t('budgets.col.enforcement'), cell: (b) => <HardStopBadge hardStop={b.hardStop} /> },
    { id: 'resets', header: t('budgets.col.resets'), class: 'nowrap', cell: (b) => dateTime(b.status.resetsAt) },
    ...actionsColumn<BudgetFieldsFragment>(props.canWrite, t('common.actions'), (b) => (
      <EditDeleteButtons name={name(b)} onEdit={() => props.onEdit(b)} onDelete={() => props.onDelete(b)} />
    )),
  ];
  return (
    <section class="page">
      <PageHeader
        title={t('budgets.title')}
        subtitle={t('budgets.subtitle')}
        actions={
          <Show when={props.canWrite}>
            <button type="button" class="btn btn-primary" onClick={() => props.onEdit('new')}>
              <Icon name="plus" size={16} />
              {t('budgets.add')}
            </button>
          </Show>
        }
      />
      <Card title={t('budgets.thisMonth')} subtitle={t('budgets.thisMonthHint')}>
        <DataTable
          caption={t('budgets.title')}
          columns={columns()}
          rows={props.budgets}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="budget-row"
          rowProps={(b) => ({ 'data-budget': b.id, 'data-level': budgetLevel(b) })}
          urlKey=""
          empty={{ title: t('budgets.empty'), hint: props.canWrite ? t('budgets.emptyHintWrite') : undefined, icon: 'wallet' }}
        />
      </Card>
      <Card title={t('budgets.alerts')} subtitle={t('budgets.alertsHint')}>
        <BudgetAlertList caption={t('budgets.alerts')} alerts={props.alerts.rows} error={props.alerts.error} onRetry={props.alerts.onRetry} paging={props.alerts.paging} />
      </Card>
      <Show when={props.editing}>
        {(editing) => {
          const initial = editing() === 'new' ? undefined : (editing() as BudgetFieldsFragment);
          return (
            <Dialog title={initial ? t('budgets.editTitle') : t('budgets.createTitle')} onClose={() => props.onEdit(null)}>
              <BudgetForm {...props.form} initial={initial} onCancel={() => props.onEdit(null)} />
            </Dialog>
          );
        }}
      </Show>
    </section>
  );
}
