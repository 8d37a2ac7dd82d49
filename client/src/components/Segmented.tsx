import { For } from 'solid-js';

export interface SegmentedProps<T extends string | number> {
  label: string;
  options: readonly { value: T; label: string }[];
  /** undefined: none chosen (buttons that act once, like range presets). */
  value: T | undefined;
  onChange: (value: T) => void;
}

/** A row of mutually exclusive choices (a radio group drawn as joined buttons). */
export function Segmented<T extends string | number>(props: SegmentedProps<T>) {
  return (
    <div class="segmented" role="radiogroup" aria-label={props.label}>
      <For each={props.options}>
        {(option) => (
          <button
            type="button"
            role="radio"
            class="segment"
            aria-checked={props.value === option.value}
            classList={{ 'segment-on': props.value === option.value }}
            onClick={() => props.onChange(option.value)}
          >
            {option.label}
          </button>
        )}
      </For>
    </div>
  );
}
