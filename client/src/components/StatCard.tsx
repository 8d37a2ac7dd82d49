import { For, Show, type JSX } from 'solid-js';
import { Icon, type IconName } from './Icon.tsx';
import './StatCard.css';

const Skeleton = () => <span class="skeleton" aria-hidden="true" />;

export interface StatCardProps {
  id: string;
  label: string;
  value: string | undefined;
  detail?: string;
  icon: IconName;
  tone: string;
}

/** One headline figure with an icon; a skeleton while `value` is undefined. */
export function StatCard(props: StatCardProps) {
  return (
    <div class="card stat-card" data-testid="stat-card" data-stat={props.id}>
      <div class={`stat-icon stat-icon-${props.tone}`} aria-hidden="true">
        <Icon name={props.icon} size={20} />
      </div>
      <div class="stat-card-body">
        <p class="stat-label">{props.label}</p>
        <p class="stat-card-value">{props.value ?? <Skeleton />}</p>
        <Show when={props.detail}>
          <p class="stat-detail">{props.detail}</p>
        </Show>
      </div>
    </div>
  );
}

export interface Stat {
  id: string;
  label: string;
  /** undefined: still loading */
  value: JSX.Element | undefined;
  /** Smaller text under the value. */
  detail?: JSX.Element;
}

/** A few figures side by side in one panel (stacked on narrow screens). */
export function StatStrip(props: { stats: readonly Stat[]; class?: string }) {
  return (
    <div class={props.class ? `stat-strip ${props.class}` : 'stat-strip'} style={{ '--stat-count': props.stats.length }}>
      <For each={props.stats}>
        {(stat) => (
          <div class="stat" data-stat={stat.id}>
            <span class="stat-label">{stat.label}</span>
            <span class="stat-value" data-testid={`stat-${stat.id}`}>
              {stat.value ?? <Skeleton />}
            </span>
            <Show when={stat.detail}>
              <span class="stat-detail">{stat.detail}</span>
            </Show>
          </div>
        )}
      </For>
    </div>
  );
}
