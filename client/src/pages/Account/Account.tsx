import { For, lazy, Show, Suspense } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ApiKeys } from '../../components/ApiKeys/ApiKeys.tsx';
import { BudgetBars } from '../../components/budgets/BudgetBars.tsx';
import { Card } from '../../components/Card.tsx';
import type { ChartSeries } from '../../components/charts/chart-series.ts';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { QuotaBar } from '../../components/QuotaBar.tsx';
import { RoleChip } from '../../components/roles/RoleChip.tsx';
import { usePermissionText } from '../../components/roles/role-names.ts';
import { StatStrip } from '../../components/StatCard.tsx';
import { Loading, PageHeader } from '../../components/States.tsx';
import { UserForm, type UserFormValues } from '../../components/users/UserForm.tsx';
import type { AccountQuery, BudgetFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Totals } from './account-data.ts';
import './Account.css';

// uPlot loads with the first chart, not with the console.
const UsageChart = lazy(() => import('../../components/charts/UsageChart.tsx').then((m) => ({ default: m.UsageChart })));

type ModelRow = AccountQuery['byModel'][number];

export interface AccountViewProps {
  me: AccountQuery['me'];
  month: Totals;
  monthStart: string;
  trend: { days: string[]; series: ChartSeries[] };
  byModel: readonly ModelRow[];
  currency: string | null;
  /** undefined: the reader may not see budgets (budgets:read). */
  budgets: readonly BudgetFieldsFragment[] | undefined;
  onKeysChanged: () => void;
  editing: boolean;
  onEdit: (open: boolean) => void;
  editBusy: boolean;
  editError: CombinedError | null;
  onSave: (values: UserFormValues) => void;
}

/** The signed-in user's own page: who they are, their usage and quota today and this month, their budgets and API keys. */
export function AccountView(props: AccountViewProps) {
  const { t, num, compact, money, date } = useI18n();
  const permission = usePermissionText();
  const permissions = () => [...new Set(props.me.roles.flatMap((r) => r.permissions))];
  const columns = (): Column<ModelRow>[] => [
    { id: 'model', header: t('usage.model'), rowHeader: true, sortValue: (r) => r.model, cell: (r) => <code>{r.model ?? '—'}</code> },
    { id: 'tokens', header: t('executive.col.tokens'), numeric: true, sortValue: (r) => r.inputTokens + r.outputTokens, cell: (r) => num(r.inputTokens + r.outputTokens) },
    { id: 'requests', header: t('usage.requests'), numeric: true, sortValue: (r) => r.requests, cell: (r) => num(r.requests) },
    { id: 'cost', header: t('executive.cost'), numeric: true, sortValue: (r) => r.cost, cell: (r) => money(r.cost, props.currency) },
  ];
  return (
    <section class="page">
      <PageHeader
        title={t('account.title')}
        subtitle={t('account.subtitle')}
        actions={
          <button type="button" class="btn btn-secondary" onClick={() => props.onEdit(true)}>
            <Icon name="edit" size={16} />
            {t('account.editProfile')}
          </button>
        }
      />
      <div class="grid grid-2">
        <Card title={t('account.profile')} pad testId="account-profile">
          <dl class="details">
            <div>
              <dt>{t('user.name')}</dt>
              <dd class="person-name" translate="no">
                {props.me.name}
              </dd>
            </div>
            <div>
              <dt>{t('user.email')}</dt>
              <dd translate="no">{props.me.email}</dd>
            </div>
            <div class="details-wide">
              <dt>{t('user.roles')}</dt>
              <dd>
                <Show when={props.me.roles.length} fallback={<span class="muted">{t('users.noRoles')}</span>}>
                  <span class="chips">
                    <For each={props.me.roles}>{(role) => <RoleChip role={role} />}</For>
                  </span>
                </Show>
              </dd>
            </div>
            <div class="details-wide">
              <dt>{t('account.permissions')}</dt>
              <dd>
                <Show when={permissions().length} fallback={<span class="muted">{t('roles.noPermissions')}</span>}>
                  <span class="chips" data-testid="account-permissions">
                    <For each={permissions()}>{(p) => <span class="chip">{permission.label(p)}</span>}</For>
                  </span>
                </Show>
              </dd>
            </div>
          </dl>
        </Card>
        <Card title={t('account.today')} pad testId="account-today">
          <div class="quota-stack">
            <QuotaBar label={t('usage.input')} used={props.me.todayUsage.inputTokens} limit={props.me.quota.dailyInputLimit} />
            <QuotaBar label={t('usage.output')} used={props.me.todayUsage.outputTokens} limit={props.me.quota.dailyOutputLimit} />
          </div>
          <p class="muted account-note">
            {t('account.requestsToday', { count: num(props.me.todayUsage.requests) })} {t('account.quotaNote')}
          </p>
        </Card>
      </div>

      <StatStrip
        class="account-month"
        stats={[
          { id: 'month-tokens', label: t('account.monthTokens'), value: compact(props.month.inputTokens + props.month.outputTokens), detail: t('dashboard.inOut', { input: num(props.month.inputTokens), output: num(props.month.outputTokens) }) },
          { id: 'month-requests', label: t('account.monthRequests'), value: num(props.month.requests) },
          { id: 'month-cost', label: t('account.monthCost'), value: money(props.month.cost, props.currency), detail: props.currency ? undefined : t('executive.noPrices') },
        ]}
      />

      <Card title={t('account.monthChart')} subtitle={t('dashboard.sinceMonthStart', { date: date(props.monthStart) })}>
        <div class="chart-area chart-area-sm">
          <Suspense fallback={<Loading />}>
            <UsageChart days={props.trend.days} series={props.trend.series} kind="bars" height={200} label={t('account.monthChart')} />
          </Suspense>
        </div>
        <DataTable caption={t('account.byModel')} columns={columns()} rows={props.byModel} compact defaultSort={{ column: 'tokens', direction: 'desc' }} empty={{ title: t('account.noUsage'), icon: 'chart' }} />
      </Card>

      <Show when={props.budgets}>
        {(budgets) => (
          <Card title={t('account.budgets')} subtitle={t('account.budgetsHint')} pad testId="account-budgets">
            <BudgetBars budgets={budgets()} empty={t('account.noBudgets')} />
          </Card>
        )}
      </Show>

      <ApiKeys keys={props.me.apiKeys.edges.map((e) => e.node)} ownerId={null} hint={t('account.keysHint')} canManage onChanged={props.onKeysChanged} />

      <Show when={props.editing}>
        <Dialog title={t('account.editProfile')} onClose={() => props.onEdit(false)}>
          <UserForm mode="edit" askCurrentPassword initial={{ name: props.me.name, email: props.me.email }} busy={props.editBusy} error={props.editError} onSubmit={props.onSave} onCancel={() => props.onEdit(false)} />
        </Dialog>
      </Show>
    </section>
  );
}
