import { useI18n } from '../i18n/index.tsx';

export type UserStatusValue = 'ACTIVE' | 'SUSPENDED' | 'DISABLED';

export function StatusBadge(props: { status: UserStatusValue }) {
  const { t } = useI18n();
  return <span class={`badge badge-status-${props.status.toLowerCase()}`}>{t(`status.${props.status}`)}</span>;
}
