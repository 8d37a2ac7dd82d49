import { createUniqueId, onCleanup, onMount, Show, type JSX, type ParentProps } from 'solid-js';
import { Portal } from 'solid-js/web';
import { useI18n } from '../i18n/index.tsx';
import { Icon } from './Icon.tsx';
import './Dialog.css';

/** Open dialogs, innermost last: only that one answers keys. */
const openDialogs: HTMLElement[] = [];

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: JSX.Element;
  description?: JSX.Element;
  onClose: () => void;
  /** Buttons, right-aligned under the body. */
  footer?: JSX.Element;
  size?: 'sm' | 'md' | 'lg';
  /** role="alertdialog" for confirmations. */
  alert?: boolean;
}

/**
 * A modal dialog: focus moves in on open (to the first `[data-autofocus]`, else the
 * first focusable element), Tab cycles inside, Escape closes, and focus returns to
 * what had it before.
 */
export function Dialog(props: ParentProps<DialogProps>) {
  const { t } = useI18n();
  const titleId = createUniqueId();
  const descriptionId = createUniqueId();
  let panel!: HTMLDivElement;
  const opener = document.activeElement as HTMLElement | null;

  const focusables = () => Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hasAttribute('data-focus-skip'));

  // Keys are handled at the document so they still work when focus was lost
  // (a focused button that becomes disabled while busy drops focus to <body>).
  const onKeyDown = (event: KeyboardEvent) => {
    if (openDialogs[openDialogs.length - 1] !== panel) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusables();
    if (!items.length) {
      event.preventDefault();
      panel.focus();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const active = document.activeElement;
    const outside = !active || !panel.contains(active);
    if (event.shiftKey && (outside || active === first || active === panel)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (outside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  };

  onMount(() => {
    openDialogs.push(panel);
    document.addEventListener('keydown', onKeyDown, true);
    const target = panel.querySelector<HTMLElement>('[data-autofocus]') ?? focusables()[0] ?? panel;
    target.focus();
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKeyDown, true);
    openDialogs.splice(openDialogs.indexOf(panel), 1);
    if (opener && document.contains(opener)) opener.focus();
  });

  return (
    <Portal>
      <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
        <div
          ref={panel}
          class={`dialog dialog-${props.size ?? 'md'}`}
          role={props.alert ? 'alertdialog' : 'dialog'}
          aria-modal="true"
          aria-labelledby={titleId}
          aria-describedby={props.description ? descriptionId : undefined}
          tabindex="-1"
        >
          <header class="dialog-header">
            <h2 id={titleId}>{props.title}</h2>
            <button type="button" class="icon-button" aria-label={t('common.close')} onClick={() => props.onClose()}>
              <Icon name="close" />
            </button>
          </header>
          <Show when={props.description}>
            <div id={descriptionId} class="dialog-description">
              {props.description}
            </div>
          </Show>
          <div class="dialog-body">{props.children}</div>
          <Show when={props.footer}>
            <footer class="dialog-footer">{props.footer}</footer>
          </Show>
        </div>
      </div>
    </Portal>
  );
}
