import { For, Match, Switch } from 'solid-js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isChange = (v: Json): v is { from: Json; to: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 2 && 'from' in v && 'to' in v;

function Value(props: { value: Json }) {
  return (
    <Switch fallback={<span class="meta-value">{String(props.value)}</span>}>
      <Match when={props.value === null}>
        <span class="meta-null">—</span>
      </Match>
      <Match when={isChange(props.value)}>
        {(() => {
          const change = props.value as { from: Json; to: Json };
          return (
            <span class="meta-change">
              <Value value={change.from} />
              <span class="meta-arrow" aria-hidden="true">
                →
              </span>
              <span class="sr-only">to</span>
              <Value value={change.to} />
            </span>
          );
        })()}
      </Match>
      <Match when={Array.isArray(props.value)}>
        <span class="meta-list">
          <For each={props.value as Json[]} fallback={<span class="meta-null">[]</span>}>
            {(item) => (typeof item === 'object' && item !== null ? <Value value={item} /> : <code class="chip chip-mono">{String(item)}</code>)}
          </For>
        </span>
      </Match>
      <Match when={typeof props.value === 'object'}>
        <Metadata value={props.value} nested />
      </Match>
    </Switch>
  );
}

/** Audit metadata as a key/value list; `{ from, to }` pairs (what changed) read as "from → to". */
export function Metadata(props: { value: unknown; nested?: boolean; empty?: string }) {
  const entries = () => (props.value && typeof props.value === 'object' && !Array.isArray(props.value) ? Object.entries(props.value as Record<string, Json>) : []);
  return (
    <Switch fallback={<span class="muted">{props.empty ?? '—'}</span>}>
      <Match when={entries().length}>
        <dl class={props.nested ? 'meta meta-nested' : 'meta'}>
          <For each={entries()}>
            {([key, value]) => (
              <div class="meta-row">
                <dt>{key}</dt>
                <dd>
                  <Value value={value} />
                </dd>
              </div>
            )}
          </For>
        </dl>
      </Match>
      <Match when={props.value !== null && props.value !== undefined && typeof props.value !== 'object'}>
        <span>{String(props.value)}</span>
      </Match>
    </Switch>
  );
}
