import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { TextField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { parseQuota } from '../../lib/validate.ts';

export interface QuotaValues {
  dailyInputLimit: number | null;
  dailyOutputLimit: number | null;
}

export interface QuotaFormProps {
  initial: QuotaValues;
  busy: boolean;
  error: CombinedError | null;
  onSubmit: (values: QuotaValues) => void;
}

const show = (value: number | null) => (value === null ? '' : String(value));

/** Daily input and output limits; empty means unlimited, anything else a whole number of tokens. */
export function QuotaForm(props: QuotaFormProps) {
  const { t } = useI18n();
  const [input, setInput] = createSignal(show(props.initial.dailyInputLimit));
  const [output, setOutput] = createSignal(show(props.initial.dailyOutputLimit));
  const errors = createFormErrors({ error: () => props.error, fields: ['dailyInputLimit', 'dailyOutputLimit'] });

  const submit = () => {
    const a = parseQuota(input());
    const b = parseQuota(output());
    if (!errors.check({ dailyInputLimit: a.ok ? null : a.problem, dailyOutputLimit: b.ok ? null : b.problem }) || !a.ok || !b.ok) return false;
    props.onSubmit({ dailyInputLimit: a.value, dailyOutputLimit: b.value });
  };

  return (
    <Form onSubmit={submit} error={errors.general()} refusal={props.error} label={t('user.quotaTitle')}>
      <div class="form-row">
        <TextField
          label={t('user.quotaInput')}
          name="dailyInputLimit"
          inputmode="numeric"
          placeholder={t('common.unlimited')}
          value={input()}
          onValue={(v) => (setInput(v), errors.edited('dailyInputLimit'))}
          error={errors.message('dailyInputLimit')}
        />
        <TextField
          label={t('user.quotaOutput')}
          name="dailyOutputLimit"
          inputmode="numeric"
          placeholder={t('common.unlimited')}
          value={output()}
          onValue={(v) => (setOutput(v), errors.edited('dailyOutputLimit'))}
          error={errors.message('dailyOutputLimit')}
        />
      </div>
      <p class="field-hint">{t('user.quotaHint')}</p>
      <FormActions busy={props.busy} />
    </Form>
  );
}
