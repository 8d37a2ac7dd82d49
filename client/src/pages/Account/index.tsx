import { createMutation, createQuery } from '@urql/solid';
import { createMemo, createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { usageSeries } from '../../components/charts/usage-series.ts';
import { Loaded } from '../../components/Loaded.tsx';
import { toast } from '../../components/Toasts.tsx';
import type { UserFormValues } from '../../components/users/UserForm.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { daysBetween, isoDay, monthStart } from '../../lib/dates.ts';
import { useViewer } from '../../lib/viewer.tsx';
import { budgetsFor, sumTotals } from './account-data.ts';
import { AccountView } from './Account.tsx';
import { AccountQuery, UpdateProfileMutation } from './documents.ts';

export default function AccountPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const today = isoDay(new Date());
  const from = monthStart(today);
  const withBudgets = viewer.can('budgets:read');
  const [query, refetch] = createQuery({ query: AccountQuery, variables: { userId: viewer.id, from, to: today, withBudgets }, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [updateState, update] = createMutation(UpdateProfileMutation);
  const [editing, setEditing] = createSignal(false);
  const [editError, setEditError] = createSignal<CombinedError | null>(null);

  const trend = createMemo(() => {
    const days = daysBetween(from, today);
    return { days, series: usageSeries(query.data?.daily ?? [], days, 'totals', { input: t('usage.input'), output: t('usage.output'), unknownUser: '', other: t('chart.other') }) };
  });
  const save = async (values: UserFormValues) => {
    setEditError(null);
    const result = await update({ id: viewer.id, input: { name: values.name, email: values.email, password: values.password || null, currentPassword: values.currentPassword || null } });
    if (result.error) return setEditError(result.error);
    setEditing(false);
    toast(t('users.updated'));
    reload();
  };

  return (
    <Loaded data={query.data} error={query.error} onRetry={reload}>
      {(data) => (
        <AccountView
          me={data().me}
          month={sumTotals(data().month)}
          monthStart={from}
          trend={trend()}
          byModel={data().byModel}
          currency={data().prices[0]?.currency ?? null}
          budgets={data().budgets ? budgetsFor(data().budgets!, data().me) : undefined}
          onKeysChanged={reload}
          editing={editing()}
          onEdit={(open) => (setEditError(null), setEditing(open))}
          editBusy={updateState.fetching}
          editError={editError()}
          onSave={save}
        />
      )}
    </Loaded>
  );
}
