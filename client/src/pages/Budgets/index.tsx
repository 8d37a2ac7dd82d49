import { createMutation, createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useBudgetName } from '../../components/budgets/budget-names.ts';
import { confirmAction } from '../../components/ConfirmDialog.tsx';
import { createServerPaging } from '../../components/DataTable/paging.ts';
import { toast } from '../../components/Toasts.tsx';
import type { BudgetFieldsFragment } from '../../gql/graphql.ts';
import { data, useI18n } from '../../i18n/index.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import type { BudgetFormValues } from './BudgetForm.tsx';
import { BudgetsView } from './Budgets.tsx';
import { BudgetAlertsPageQuery, BudgetsPageQuery, CreateBudgetMutation, DeleteBudgetMutation, UpdateBudgetMutation } from './documents.ts';

export default function BudgetsPage() {
  const { t, tj, money } = useI18n();
  const viewer = useViewer();
  const name = useBudgetName();
  const withRoles = viewer.canAny('users:read', 'roles:write');
  const [query, refetch] = createQuery({ query: BudgetsPageQuery, variables: { withRoles } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const paging = createServerPaging();
  const [alerts, refetchAlerts] = createQuery({ query: BudgetAlertsPageQuery, variables: () => ({ first: paging.first(), after: paging.after() }) });
  const [createState, createBudget] = createMutation(CreateBudgetMutation);
  const [updateState, updateBudget] = createMutation(UpdateBudgetMutation);
  const [, deleteBudget] = createMutation(DeleteBudgetMutation);
  const [editing, setEditing] = createSignal<BudgetFieldsFragment | 'new' | null>(null);
  const [error, setError] = createSignal<CombinedError | null>(null);

  const currency = () => query.data?.budgets[0]?.currency ?? query.data?.prices[0]?.currency ?? null;

  const write = async (target: BudgetFieldsFragment | 'new', values: BudgetFormValues) => {
    const result =
      target === 'new'
        ? await createBudget({ input: { scope: values.scope, userId: values.userId, roleId: values.roleId, amount: values.amount, thresholds: values.thresholds, hardStop: values.hardStop } })
        : await updateBudget({ id: target.id, input: { amount: values.amount, thresholds: values.thresholds, hardStop: values.hardStop } });
    if (result.error) return result.error;
    toast(t(target === 'new' ? 'budgets.created' : 'budgets.saved'));
    setEditing(null);
    reload();
  };

  const save = async (values: BudgetFormValues) => {
    setError(null);
    const target = editing();
    if (!target) return;
    // A hard stop refuses chats once the amount is spent: switching one on is asked first.
    const turningOn = values.hardStop && (target === 'new' || !target.hardStop);
    if (!turningOn) {
      const failed = await write(target, values);
      if (failed) setError(failed);
      return;
    }
    confirmAction({
      title: t('budgets.hardStopTitle'),
      body: t('budgets.hardStopBody', { amount: money(values.amount, currency()) }),
      confirmLabel: t('budgets.hardStopConfirm'),
      danger: true,
      run: async () => {
        const failed = await write(target, values);
        if (failed) {
          // The reason belongs on the form, where it can be fixed.
          setError(failed);
        }
        return null;
      },
    });
  };

  const remove = (b: BudgetFieldsFragment) =>
    confirmAction({
      title: tj('budgets.deleteTitle', { name: data(name(b)) }),
      body: t('budgets.deleteBody'),
      confirmLabel: t('common.delete'),
      danger: true,
      run: async () => {
        const result = await deleteBudget({ id: b.id });
        if (result.error) return result.error;
        toast(tj('budgets.deleted', { name: data(name(b)) }));
        reload();
      },
    });

  return (
    <BudgetsView
      budgets={query.data?.budgets}
      error={query.error}
      onRetry={reload}
      canWrite={viewer.can('budgets:write')}
      editing={editing()}
      onEdit={(b) => (setError(null), setEditing(b))}
      onDelete={remove}
      form={{
        get currency() {
          return currency();
        },
        get roles() {
          return withRoles ? (query.data?.roles ?? []) : undefined;
        },
        canPickUser: viewer.can('users:read'),
        get busy() {
          return createState.fetching || updateState.fetching;
        },
        get error() {
          return error();
        },
        onSubmit: save,
      }}
      alerts={{
        get rows() {
          return alerts.data?.budgetAlerts.edges.map((e) => e.node);
        },
        get error() {
          return alerts.error;
        },
        onRetry: () => refetchAlerts({ requestPolicy: 'network-only' }),
        get paging() {
          return paging.props(alerts.data?.budgetAlerts);
        },
      }}
    />
  );
}
