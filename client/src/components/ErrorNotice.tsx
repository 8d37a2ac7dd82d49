import { createEffect, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { useI18n } from '../i18n/index.tsx';
import { describeError, fieldErrorLine, type ErrorContext, type ErrorLine } from '../lib/errors.ts';
import { Icon } from './Icon.tsx';
import './ErrorNotice.css';

/** Error messages in the reader's language, from codes and extensions. */
export function useErrorText() {
  const i18n = useI18n();
  const text = (line: ErrorLine) => i18n.t(line.key, line.params);
  return {
    lines: (error: CombinedError, context?: ErrorContext) => describeError(error, i18n, context),
    text,
    /** The translated message of the error that names `field`, if any. */
    field: (error: CombinedError | null | undefined, field: string, context?: ErrorContext) => {
      const line = fieldErrorLine(error, field, i18n, context);
      return line && text(line);
    },
  };
}

/** Each error's message; the stable code rides along as data-code and in the tooltip, for support. */
export function ErrorLines(props: { error: CombinedError; context?: ErrorContext }) {
  const { t } = useI18n();
  const errors = useErrorText();
  return (
    <For each={errors.lines(props.error, props.context)}>
      {(line) => (
        <p class="notice-line" data-code={line.code} title={t('error.codeTitle', { code: line.code })}>
          {errors.text(line)}
        </p>
      )}
    </For>
  );
}

export interface ErrorNoticeProps {
  error: CombinedError;
  title?: string;
  onRetry?: () => void;
  context?: ErrorContext;
  /** Scroll the notice into view when it appears (forms whose top may be out of sight). */
  reveal?: boolean;
}

export function ErrorNotice(props: ErrorNoticeProps) {
  const { t } = useI18n();
  let root!: HTMLDivElement;
  createEffect(() => {
    if (props.reveal && props.error) queueMicrotask(() => root?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
  });
  return (
    <div class="notice notice-error" role="alert" ref={root} data-code={props.error.graphQLErrors[0]?.extensions?.code as string | undefined}>
      <Icon name="alert" class="notice-icon" />
      <div class="notice-body">
        <p class="notice-title">{props.title ?? t('error.title')}</p>
        <ErrorLines error={props.error} context={props.context} />
      </div>
      <Show when={props.onRetry}>
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => props.onRetry?.()}>
          {t('common.retry')}
        </button>
      </Show>
    </div>
  );
}

/** An error notice inside a card, padded like the card's body (nothing when there is no error). */
export function ErrorBlock(props: { error: CombinedError | null | undefined; onRetry?: () => void }) {
  return (
    <Show when={props.error}>
      {(error) => (
        <div class="card-pad">
          <ErrorNotice error={error()} onRetry={props.onRetry} />
        </div>
      )}
    </Show>
  );
}
