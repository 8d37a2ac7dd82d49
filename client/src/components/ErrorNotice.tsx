import { For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/index.tsx';
import { Icon } from './Icon.tsx';

export interface ErrorLine {
  message: string;
  code?: string;
  field?: string;
}

/** The server's own messages and codes; a network failure becomes one readable line. */
export function errorLines(error: CombinedError, networkMessage: string): ErrorLine[] {
  if (error.graphQLErrors.length) {
    return error.graphQLErrors.map((e) => ({
      message: e.message,
      code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
      field: typeof e.extensions?.field === 'string' ? e.extensions.field : undefined,
    }));
  }
  return [{ message: networkMessage, code: error.networkError ? 'NETWORK_ERROR' : undefined }];
}

/** The message of the first error that names `field` (BAD_USER_INPUT with extensions.field). */
export function fieldError(error: CombinedError | null | undefined, field: string): string | undefined {
  return error?.graphQLErrors.find((e) => e.extensions?.field === field)?.message;
}

/** Each error's message with its code: the body of every error notice. */
export function ErrorLines(props: { error: CombinedError }) {
  const { t } = useI18n();
  return (
    <For each={errorLines(props.error, t('error.network'))}>
      {(line) => (
        <p class="notice-line">
          <span>{line.message}</span>
          <Show when={line.code}>
            {' '}
            <code class="error-code" title={t('error.code')}>
              {line.code}
            </code>
          </Show>
        </p>
      )}
    </For>
  );
}

export function ErrorNotice(props: { error: CombinedError; title?: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-error" role="alert">
      <Icon name="alert" class="notice-icon" />
      <div class="notice-body">
        <p class="notice-title">{props.title ?? t('error.title')}</p>
        <ErrorLines error={props.error} />
      </div>
      <Show when={props.onRetry}>
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => props.onRetry?.()}>
          {t('common.retry')}
        </button>
      </Show>
    </div>
  );
}
