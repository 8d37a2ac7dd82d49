import { For, Match, Switch } from 'solid-js';
import { isChange, isRecordedText, useAuditText } from './audit-text.ts';
import './AuditMetadata.css';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys shown elsewhere in the detail view, or that only repeat the record. */
const SHOWN_ELSEWHERE = new Set(['currency']);

function Value(props: { name: string; value: Json; currency?: string | null }) {
  const text = useAuditText();
  const scalar = () => text.value(props.name, props.value, { currency: props.currency });
  return (
    <Switch
      fallback={
        <span class="meta-value" translate={isRecordedText(props.name, props.value) ? 'no' : undefined}>
          {scalar()}
        </span>
      }
    >
      <Match when={isChange(props.value)}>
        {(() => {
          const change = props.value as { from: Json; to: Json };
          return (
            <span class="meta-change">
              <Value name={props.name} value={change.from} currency={props.currency} />
              <span class="meta-arrow" aria-hidden="true">
                →
              </span>
              <Value name={props.name} value={change.to} currency={props.currency} />
            </span>
          );
        })()}
      </Match>
      <Match when={scalar() === undefined && Array.isArray(props.value)}>
        <span class="meta-list">
          <For each={props.value as Json[]}>
            {(item) =>
              typeof item === 'object' && item !== null ? (
                <AuditMetadata value={item} nested currency={props.currency} />
              ) : (
                <code class="chip chip-mono">{String(item)}</code>
              )
            }
          </For>
        </span>
      </Match>
      <Match when={scalar() === undefined && typeof props.value === 'object'}>
        <AuditMetadata value={props.value} nested currency={props.currency} />
      </Match>
    </Switch>
  );
}

/** Audit metadata as a list of named values; `{ from, to }` pairs (what changed) read as "from → to". */
export function AuditMetadata(props: { value: unknown; nested?: boolean; currency?: string | null }) {
  const text = useAuditText();
  const entries = () =>
    props.value && typeof props.value === 'object' && !Array.isArray(props.value)
      ? Object.entries(props.value as Record<string, Json>).filter(([key]) => props.nested || !SHOWN_ELSEWHERE.has(key))
      : [];
  const currency = () => props.currency ?? ((props.value as Record<string, unknown> | null)?.currency as string | undefined);
  return (
    <dl class={props.nested ? 'meta meta-nested' : 'meta'}>
      <For each={entries()}>
        {([key, value]) => (
          <div class="meta-row">
            <dt>{text.field(key)}</dt>
            <dd>
              <Value name={key} value={value} currency={currency()} />
            </dd>
          </div>
        )}
      </For>
    </dl>
  );
}
