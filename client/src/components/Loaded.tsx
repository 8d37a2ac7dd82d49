import { Match, Switch, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from './ErrorNotice.tsx';
import { Loading } from './States.tsx';

/** A page's data: the page once it is there, the refusal with a retry, or a spinner meanwhile. */
export function Loaded<T>(props: { data: T | undefined | null; error: CombinedError | undefined; onRetry: () => void; children: (data: () => T) => JSX.Element }) {
  return (
    <Switch fallback={<Loading />}>
      {/* The accessor, not its value: a refetch updates the page in place. */}
      <Match when={props.data}>{(data) => props.children(data as () => T)}</Match>
      <Match when={props.error}>
        {(error) => (
          <section class="page">
            <ErrorNotice error={error()} onRetry={props.onRetry} />
          </section>
        )}
      </Match>
    </Switch>
  );
}
