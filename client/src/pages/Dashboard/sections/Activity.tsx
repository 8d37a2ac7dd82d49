import { Show } from 'solid-js';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { DashboardSectionProps } from '../dashboard-data.ts';
import { LiveActivityTable } from './LiveActivity.tsx';

export function Activity(props: DashboardSectionProps) {
  const { t } = useI18n();
  return (
    <>
      <Show when={props.data.live.error()}>
        {(error) => (
          <div class="card-pad">
            <ErrorNotice error={error()} />
          </div>
        )}
      </Show>
      <LiveActivityTable events={props.data.live.events()} caption={t('dashboard.activity')} />
    </>
  );
}
