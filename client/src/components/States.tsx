import { Show, type JSX } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import { Icon, type IconName } from './Icon.tsx';
import './Page.css';
import './States.css';

export function Loading(props: { label?: string; inline?: boolean }) {
  const { t } = useI18n();
  return (
    <div class={props.inline ? 'loading loading-inline' : 'loading'} role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState(props: { title: string; hint?: string; icon?: IconName; action?: JSX.Element }) {
  return (
    <div class="empty-state">
      <div class="icon-tile icon-tile-muted empty-icon" aria-hidden="true">
        <Icon name={props.icon ?? 'inbox'} />
      </div>
      <p class="empty-title">{props.title}</p>
      <Show when={props.hint}>
        <p class="empty-hint">{props.hint}</p>
      </Show>
      <Show when={props.action}>{props.action}</Show>
    </div>
  );
}

/** `dataTitle`: the title is a name (a user's page), not a word of the interface. */
export function PageHeader(props: { title: string; subtitle?: string; actions?: JSX.Element; back?: JSX.Element; dataTitle?: boolean }) {
  return (
    <div class="page-header">
      <div>
        <Show when={props.back}>{props.back}</Show>
        <h1 translate={props.dataTitle ? 'no' : undefined}>{props.title}</h1>
        <Show when={props.subtitle}>
          <p class="page-subtitle" translate={props.dataTitle ? 'no' : undefined}>
            {props.subtitle}
          </p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="page-actions">{props.actions}</div>
      </Show>
    </div>
  );
}
