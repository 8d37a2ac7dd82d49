import { createSignal, For, type JSX } from 'solid-js';
import { Portal } from 'solid-js/web';
import { Icon } from './Icon.tsx';
import './Toasts.css';

interface Toast {
  id: number;
  message: JSX.Element;
  tone: 'success' | 'info';
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

/** A short confirmation in the corner, announced politely and gone after a few seconds. */
export function toast(message: JSX.Element, tone: Toast['tone'] = 'success') {
  const id = nextId++;
  // At most three at once; the oldest gives way.
  setToasts((list) => [...list, { id, message, tone }].slice(-3));
  setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 4500);
}

export function Toaster() {
  return (
    <Portal>
      <div class="toasts" role="status" aria-live="polite">
        <For each={toasts()}>
          {(item) => (
            <div class={`toast toast-${item.tone}`}>
              <Icon name="check" />
              <span>{item.message}</span>
            </div>
          )}
        </For>
      </div>
    </Portal>
  );
}
