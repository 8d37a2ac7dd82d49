import { createMutation, createQuery } from '@urql/solid';
import { createSignal } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { toast } from '../../components/Toasts.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import { PricesPageQuery, SetPriceMutation } from './documents.ts';
import { priceRows, type PriceRow } from './price-rows.ts';
import { PricesView } from './Prices.tsx';

export default function PricesPage() {
  const { tj } = useI18n();
  const viewer = useViewer();
  const [query, refetch] = createQuery({ query: PricesPageQuery });
  const [state, setPrice] = createMutation(SetPriceMutation);
  const [editing, setEditing] = createSignal<PriceRow | null>(null);
  const [error, setError] = createSignal<CombinedError | null>(null);
  const save = async (model: string, inputPerMillion: number, outputPerMillion: number) => {
    setError(null);
    const result = await setPrice({ model, inputPerMillion, outputPerMillion });
    if (result.error) return setError(result.error);
    setEditing(null);
    toast(tj('prices.saved', { model: <code>{model}</code> }));
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <PricesView
      rows={query.data ? priceRows(query.data) : undefined}
      currency={query.data?.prices[0]?.currency ?? null}
      error={query.error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      canWrite={viewer.can('budgets:write')}
      editing={editing()}
      onEdit={(row) => (setError(null), setEditing(row))}
      saveBusy={state.fetching}
      saveError={error()}
      onSave={save}
    />
  );
}
