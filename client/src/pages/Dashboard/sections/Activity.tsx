import { ErrorBlock } from '../../../components/ErrorNotice.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { DashboardSectionProps } from '../dashboard-data.ts';
import { LiveActivityTable } from './LiveActivity.tsx';

export function Activity(props: DashboardSectionProps) {
  const { t } = useI18n();
  return (
    <>
      <ErrorBlock error={props.data.live.error()} />
      <LiveActivityTable events={props.data.live.events()} caption={t('dashboard.activity')} />
    </>
  );
}
