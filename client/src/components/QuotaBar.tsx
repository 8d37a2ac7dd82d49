import { Show } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import './QuotaBar.css';

export interface QuotaBarProps {
  label: string;
  used: number;
  /** null: unlimited */
  limit: number | null;
}

/** Tokens used today against the daily limit; warns from 80 %, full at the limit. */
export function QuotaBar(props: QuotaBarProps) {
  const { t, compact, num } = useI18n();
  const percent = () => (props.limit === null ? 0 : props.limit === 0 ? 100 : Math.min(100, (props.used / props.limit) * 100));
  const level = () => (props.limit === null ? 'none' : percent() >= 100 ? 'full' : percent() >= 80 ? 'high' : 'ok');
  const text = () =>
    props.limit === null ? t('quota.unlimited', { used: compact(props.used) }) : t('quota.of', { used: compact(props.used), limit: compact(props.limit) });
  return (
    <div class="quota" data-level={level()}>
      <div class="quota-text">
        <span class="quota-label">{props.label}</span>
        <span class="quota-value" title={props.limit === null ? num(props.used) : `${num(props.used)} / ${num(props.limit)}`}>
          {text()}
        </span>
      </div>
      <Show when={props.limit !== null} fallback={<div class="quota-track quota-track-unlimited" aria-hidden="true" />}>
        <div
          class="quota-track"
          role="meter"
          aria-label={props.label}
          aria-valuemin={0}
          aria-valuemax={props.limit ?? 0}
          aria-valuenow={Math.min(props.used, props.limit ?? 0)}
          aria-valuetext={text()}
        >
          <div class="quota-fill" style={{ width: `${percent()}%` }} />
        </div>
      </Show>
    </div>
  );
}
