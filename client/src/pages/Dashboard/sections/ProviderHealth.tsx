import { useI18n } from '../../../i18n/index.tsx';
import type { DashboardSectionProps } from '../dashboard-data.ts';
import { ProviderHealthTable } from './ProviderHealthTable.tsx';

export function ProviderHealth(props: DashboardSectionProps) {
  const { t } = useI18n();
  return (
    <ProviderHealthTable
      caption={t('dashboard.providers')}
      providers={props.data.providers.rows}
      error={props.data.providers.error}
      onRetry={props.data.providers.onRetry}
    />
  );
}
