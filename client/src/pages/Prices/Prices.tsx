import { createSignal, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { actionsColumn, EditDeleteButtons } from '../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import { PageHeader } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { parsePrice, type PriceRow } from './price-rows.ts';

export interface PricesViewProps {
  rows: readonly PriceRow[] | undefined;
  currency: string | null;
  error: CombinedError | undefined;
  onRetry: () => void;
  canWrite: boolean;
  editing: PriceRow | null;
  onEdit: (row: PriceRow | null) => void;
  saveBusy: boolean;
  saveError: CombinedError | null;
  onSave: (model: string, input: number, output: number) => void;
}

function PriceForm(props: { row: PriceRow; currency: string | null; busy: boolean; error: CombinedError | null; onSubmit: (input: number, output: number) => void; onCancel: () => void }) {
  const { t, currencyName } = useI18n();
  const [input, setInput] = createSignal(props.row.inputPerMillion === null ? '' : String(props.row.inputPerMillion));
  const [output, setOutput] = createSignal(props.row.outputPerMillion === null ? '' : String(props.row.outputPerMillion));
  const errors = createFormErrors({ error: () => props.error, fields: ['inputPerMillion', 'outputPerMillion'] });
  const unit = () => (props.currency ? t('prices.perMillionIn', { currency: currencyName(props.currency) }) : t('prices.perMillion'));
  return (
    <Form
      onSubmit={() => {
        const a = parsePrice(input());
        const b = parsePrice(output());
        const ok = errors.check({ inputPerMillion: a === null ? { key: 'validation.price' } : null, outputPerMillion: b === null ? { key: 'validation.price' } : null });
        if (!ok || a === null || b === null) return false;
        props.onSubmit(a, b);
      }}
      error={errors.general()} refusal={props.error}
    >
      <p class="muted">{t('prices.appliesFrom')}</p>
      <div class="form-row">
        <TextField label={`${t('prices.input')} (${unit()})`} name="inputPerMillion" inputmode="decimal" value={input()} onValue={(v) => (setInput(v), errors.edited('inputPerMillion'))} error={errors.message('inputPerMillion')} data-autofocus />
        <TextField label={`${t('prices.output')} (${unit()})`} name="outputPerMillion" inputmode="decimal" value={output()} onValue={(v) => (setOutput(v), errors.edited('outputPerMillion'))} error={errors.message('outputPerMillion')} />
      </div>
      <FormActions busy={props.busy} onCancel={props.onCancel} />
    </Form>
  );
}

/** What each gateway model costs per million tokens, and setting it. */
export function PricesView(props: PricesViewProps) {
  const { t, tj, money, dateTime, currencyName } = useI18n();
  const price = (value: number | null) => (value === null ? <span class="muted">{t('prices.unpriced')}</span> : money(value, props.currency));
  const columns = (): Column<PriceRow>[] => [
    { id: 'model', header: t('prices.model'), rowHeader: true, sortValue: (r) => r.model, cell: (r) => <code>{r.model}</code> },
    { id: 'input', header: t('prices.inputPerMillion'), numeric: true, sortValue: (r) => r.inputPerMillion, cell: (r) => price(r.inputPerMillion) },
    { id: 'output', header: t('prices.outputPerMillion'), numeric: true, sortValue: (r) => r.outputPerMillion, cell: (r) => price(r.outputPerMillion) },
    { id: 'updated', header: t('prices.updatedAt'), class: 'nowrap', sortValue: (r) => r.updatedAt, cell: (r) => (r.updatedAt ? dateTime(r.updatedAt) : <span class="muted">—</span>) },
    ...actionsColumn<PriceRow>(props.canWrite, t('common.actions'), (r) => <EditDeleteButtons name={r.model} editLabel={t('prices.set')} onEdit={() => props.onEdit(r)} />),
  ];
  return (
    <section class="page">
      <PageHeader title={t('prices.title')} subtitle={t('prices.subtitle')} />
      <Card title={t('prices.listTitle')} subtitle={props.currency ? t('prices.currency', { currency: currencyName(props.currency) }) : t('prices.noCurrency')}>
        <DataTable
          caption={t('prices.title')}
          columns={columns()}
          rows={props.rows}
          error={props.error}
          onRetry={props.onRetry}
          rowTestId="price-row"
          rowProps={(r) => ({ 'data-model': r.model })}
          urlKey=""
          empty={{ title: t('playground.noModels'), icon: 'tag' }}
        />
      </Card>
      <Show when={props.editing}>
        {(row) => (
          <Dialog title={tj('prices.setFor', { model: <code>{row().model}</code> })} size="sm" onClose={() => props.onEdit(null)}>
            <PriceForm
              row={row()}
              currency={props.currency}
              busy={props.saveBusy}
              error={props.saveError}
              onSubmit={(a, b) => props.onSave(row().model, a, b)}
              onCancel={() => props.onEdit(null)}
            />
          </Dialog>
        )}
      </Show>
    </section>
  );
}
