import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { CheckField, SelectField, TextField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import { useRoleName } from '../../components/roles/role-names.ts';
import { Segmented } from '../../components/Segmented.tsx';
import { UserSelect } from '../../components/users/UserSelect.tsx';
import type { BudgetFieldsFragment, BudgetScope } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DEFAULT_THRESHOLDS, parseAmount, parseThresholds } from './budget-form.ts';

export type BudgetFormValues = Pick<BudgetFieldsFragment, 'scope' | 'userId' | 'roleId' | 'amount' | 'thresholds' | 'hardStop'>;

export interface BudgetFormProps {
  /** Editing: scope and target are fixed. */
  initial?: BudgetFieldsFragment;
  currency: string | null;
  /** Role and user choices; undefined when the reader may not list them. */
  roles: readonly { id: string; name: string; builtIn: boolean }[] | undefined;
  canPickUser: boolean;
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: BudgetFormValues) => void;
  onCancel: () => void;
}

/** Refusals a budget form can meet that name no field: the target already has one. */
export const BUDGET_ERRORS = { CONFLICT: 'error.CONFLICT.budgetExists' } as const;

const SCOPES: BudgetScope[] = ['ORGANISATION', 'ROLE', 'USER'];

export function BudgetForm(props: BudgetFormProps) {
  const { t, currencyName } = useI18n();
  const roleName = useRoleName();
  const [scope, setScope] = createSignal<BudgetScope>(props.initial?.scope ?? 'ORGANISATION');
  const [userId, setUserId] = createSignal(props.initial?.userId ?? '');
  const [roleId, setRoleId] = createSignal(props.initial?.roleId ?? '');
  const [amount, setAmount] = createSignal(props.initial ? String(props.initial.amount) : '');
  const [thresholds, setThresholds] = createSignal((props.initial?.thresholds ?? DEFAULT_THRESHOLDS).join(', '));
  const [hardStop, setHardStop] = createSignal(props.initial?.hardStop ?? false);
  const errors = createFormErrors({ error: () => props.error, fields: ['userId', 'roleId', 'amount', 'thresholds'], context: BUDGET_ERRORS });
  const scopes = () => SCOPES.filter((s) => (s === 'ROLE' ? props.roles : s === 'USER' ? props.canPickUser : true));

  const submit = () => {
    const a = parseAmount(amount());
    const th = parseThresholds(thresholds());
    const ok = errors.check({
      amount: a.ok ? null : a.problem,
      thresholds: th.ok ? null : th.problem,
      userId: scope() === 'USER' && !userId() ? { key: 'validation.chooseUser' } : null,
      roleId: scope() === 'ROLE' && !roleId() ? { key: 'validation.chooseRole' } : null,
    });
    if (!ok || !a.ok || !th.ok) return false;
    props.onSubmit({
      scope: scope(),
      userId: scope() === 'USER' ? userId() : null,
      roleId: scope() === 'ROLE' ? roleId() : null,
      amount: a.value,
      thresholds: th.value,
      hardStop: hardStop(),
    });
  };

  return (
    <Form onSubmit={submit} error={errors.general()} refusal={props.error} errorContext={BUDGET_ERRORS} label={props.initial ? t('budgets.editTitle') : t('budgets.createTitle')}>
      <Show
        when={!props.initial}
        fallback={
          <p class="muted">
            {t('budgets.scopeFixed', { scope: t(`budgets.scope.${scope()}`) })}
          </p>
        }
      >
        <div class="field">
          <span class="field-label">{t('budgets.scope')}</span>
          <Segmented label={t('budgets.scope')} options={scopes().map((s) => ({ value: s, label: t(`budgets.scope.${s}`) }))} value={scope()} onChange={setScope} />
        </div>
        <Show when={scope() === 'USER'}>
          <UserSelect label={t('budgets.user')} name="userId" value={userId()} onValue={(v) => (setUserId(v), errors.edited('userId'))} anyLabel={t('budgets.chooseUser')} error={errors.message('userId')} />
        </Show>
        <Show when={scope() === 'ROLE' && props.roles}>
          {(roles) => (
            <SelectField
              label={t('budgets.role')}
              name="roleId"
              value={roleId()}
              onValue={(v) => (setRoleId(v), errors.edited('roleId'))}
              options={[{ value: '', label: t('budgets.chooseRole') }, ...roles().map((r) => ({ value: r.id, label: roleName(r) }))]}
              error={errors.message('roleId')}
            />
          )}
        </Show>
      </Show>
      <div class="form-row">
        <TextField
          label={props.currency ? t('budgets.amountIn', { currency: currencyName(props.currency) }) : t('budgets.amount')}
          name="amount"
          inputmode="decimal"
          value={amount()}
          onValue={(v) => (setAmount(v), errors.edited('amount'))}
          error={errors.message('amount')}
          hint={t('budgets.amountHint')}
        />
        <TextField
          label={t('budgets.thresholdsLabel')}
          name="thresholds"
          value={thresholds()}
          onValue={(v) => (setThresholds(v), errors.edited('thresholds'))}
          error={errors.message('thresholds')}
          hint={t('budgets.thresholdsHint')}
        />
      </div>
      <CheckField label={t('budgets.hardStop')} description={t('budgets.hardStopHint')} checked={hardStop()} onChange={setHardStop} name="hardStop" />
      <FormActions busy={props.busy} onCancel={props.onCancel} submitLabel={props.initial ? t('common.save') : t('common.create')} />
    </Form>
  );
}

