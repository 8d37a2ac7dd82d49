import { For, Show } from 'solid-js';
import { EmptyState } from '../States.tsx';
import type { BudgetFieldsFragment } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useBudgetName } from './budget-names.ts';
import './budgets.css';

export type BudgetRow = BudgetFieldsFragment;

/** How far the bar reaches: 100 % at least, further when a threshold or the spend goes past it (capped so one runaway does not flatten the rest). */
export function barScale(budget: Pick<BudgetRow, 'thresholds'> & { status: Pick<BudgetRow['status'], 'percent'> }): number {
  return Math.min(1000, Math.max(100, ...budget.thresholds, budget.status.percent));
}

/** ok below every threshold, warn once one is crossed, over at or past the amount. */
export function budgetLevel(budget: { status: Pick<BudgetRow['status'], 'percent' | 'exceeded' | 'thresholdsCrossed'> }): 'ok' | 'warn' | 'over' {
  if (budget.status.exceeded || budget.status.percent >= 100) return 'over';
  return budget.status.thresholdsCrossed.length ? 'warn' : 'ok';
}

/** A budget's spend this month as a bar against its amount, its alert thresholds marked (crossed ones darker). */
export function BudgetMeter(props: { budget: BudgetRow }) {
  const { t, money, num } = useI18n();
  const name = useBudgetName();
  const b = () => props.budget;
  const scale = () => barScale(b());
  const at = (pct: number) => `${(Math.min(pct, scale()) / scale()) * 100}%`;
  return (
    <div
      class="budget-track"
      role="meter"
      aria-label={t('budgets.meterLabel', { name: name(b()) })}
      aria-valuemin={0}
      aria-valuemax={b().amount}
      aria-valuenow={Math.min(b().status.spent, b().amount)}
      aria-valuetext={t('budgets.spentOf', { spent: money(b().status.spent, b().currency), amount: money(b().amount, b().currency) })}
    >
      <div class="budget-fill" style={{ width: at(b().status.percent) }} />
      <For each={b().thresholds}>
        {(th) => (
          <span
            class="budget-mark"
            classList={{ 'budget-mark-crossed': b().status.thresholdsCrossed.includes(th) }}
            style={{ left: at(th) }}
            data-threshold={th}
            title={t('budgets.threshold', { percent: num(th) })}
          />
        )}
      </For>
    </div>
  );
}

/** Hard stop or alerts only, as a badge. */
export function HardStopBadge(props: { hardStop: boolean }) {
  const { t } = useI18n();
  return (
    <Show when={props.hardStop} fallback={<span class="badge badge-neutral">{t('budgets.alertsOnly')}</span>}>
      <span class="badge badge-danger" data-testid="budget-hard-stop" title={t('budgets.hardStopHint')}>
        {t('budgets.hardStop')}
      </span>
    </Show>
  );
}

/** Each budget's spend this month against its amount, with its alert thresholds marked on the bar. */
export function BudgetBars(props: { budgets: readonly BudgetRow[]; empty?: string }) {
  const { t, money, percent, num } = useI18n();
  const name = useBudgetName();
  return (
    <Show when={props.budgets.length} fallback={<EmptyState icon="wallet" title={props.empty ?? t('budgets.empty')} hint={props.empty ? undefined : t('budgets.emptyHint')} />}>
      <ul class="budget-list" aria-label={t('budgets.listLabel')}>
        <For each={props.budgets}>
          {(b) => (
            <li class="budget" data-testid="budget-bar" data-level={budgetLevel(b)} data-budget={b.id}>
              <div class="budget-head">
                <span class="budget-name">
                  <span class="badge badge-neutral budget-scope">{t(`budgets.scope.${b.scope}`)}</span>
                  <span class="strong person-name" title={b.user?.email} translate="no">
                    {name(b)}
                  </span>
                </span>
                <span class="budget-percent" data-testid="budget-percent">
                  {percent(b.status.percent / 100)}
                </span>
              </div>
              <BudgetMeter budget={b} />
              <div class="budget-foot">
                <span class="budget-spent">{t('budgets.spentOf', { spent: money(b.status.spent, b.currency), amount: money(b.amount, b.currency) })}</span>
                <span class="budget-flags">
                  <span class="muted">{t('budgets.thresholds', { list: b.thresholds.map((x) => `${num(x)}%`).join(' · ') })}</span>
                  <HardStopBadge hardStop={b.hardStop} />
                </span>
              </div>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
