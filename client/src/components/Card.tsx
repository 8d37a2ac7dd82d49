import { createUniqueId, Show, type JSX, type ParentProps } from 'solid-js';
import './Page.css';

export interface CardProps {
  title?: string;
  /** One line under the title. */
  subtitle?: string;
  /** Buttons or controls at the right of the header. */
  actions?: JSX.Element;
  /** Padding around the body; tables run edge to edge without it. */
  pad?: boolean;
  testId?: string;
  class?: string;
}

/** A titled panel: the header names the section for screen readers too. */
export function Card(props: ParentProps<CardProps>) {
  const titleId = createUniqueId();
  return (
    <section class={props.class ? `card ${props.class}` : 'card'} aria-labelledby={props.title ? titleId : undefined} data-testid={props.testId}>
      <Show when={props.title}>
        <div class="card-header card-header-wrap">
          <div class="card-heading">
            <h2 class="card-title" id={titleId}>
              {props.title}
            </h2>
            <Show when={props.subtitle}>
              <p class="card-subtitle">{props.subtitle}</p>
            </Show>
          </div>
          <Show when={props.actions}>
            <div class="card-actions">{props.actions}</div>
          </Show>
        </div>
      </Show>
      <Show when={props.pad} fallback={props.children}>
        <div class="card-pad">{props.children}</div>
      </Show>
    </section>
  );
}
