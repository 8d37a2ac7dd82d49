import { Show } from 'solid-js';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { Loading } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { DashboardSectionProps } from '../sections.tsx';
import { ProviderHealthTable } from './ProviderHealthTable.tsx';

export function ProviderHealth(props: DashboardSectionProps) {
  const { t } = useI18n();
  return (
    <>
      <Show when={props.data.providers.error}>
        {(error) => (
          <div class="card-pad">
            <ErrorNotice error={error()} onRetry={props.data.providers.onRetry} />
          </div>
        )}
      </Show>
      <Show when={props.data.providers.rows} fallback={<Show when={!props.data.providers.error}><Loading /></Show>}>
        {(rows) => <ProviderHealthTable providers={rows()} caption={t('dashboard.providers')} />}
      </Show>
    </>
  );
}
