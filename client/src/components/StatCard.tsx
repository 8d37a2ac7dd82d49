import { Show } from 'solid-js';
import { Icon, type IconName } from './Icon.tsx';

/** One headline figure with an icon; a skeleton while `value` is undefined. */
export function StatCard(props: { id: string; label: string; value: string | undefined; detail?: string; icon: IconName; tone: string }) {
  return (
    <div class="card stat-card" data-testid="stat-card" data-stat={props.id}>
      <div class={`stat-icon stat-icon-${props.tone}`} aria-hidden="true">
        <Icon name={props.icon} size={20} />
      </div>
      <div class="stat-card-body">
        <p class="stat-label">{props.label}</p>
        <p class="stat-card-value">{props.value ?? <span class="skeleton" aria-hidden="true" />}</p>
        <Show when={props.detail}>
          <p class="stat-detail">{props.detail}</p>
        </Show>
      </div>
    </div>
  );
}
