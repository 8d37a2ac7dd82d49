import type { RouterEvent } from '../../router/index.ts';
import { readyNow, WOULD_WAIT } from '../../util/ready-now.ts';

/**
 * Merges text deltas that are already available into one, so a burst of tokens
 * read in one network chunk becomes one event through GraphQL and one write to
 * the client instead of many. A delta is never held back waiting for the next:
 * as soon as the upstream has nothing more buffered (the next event needs I/O),
 * what was gathered goes out.
 */
export async function* coalesceDeltas(source: AsyncIterable<RouterEvent>): AsyncGenerator<RouterEvent> {
  const it = source[Symbol.asyncIterator]();
  let completed = false;
  try {
    let pending = it.next();
    for (;;) {
      const first = await pending;
      if (first.done) {
        completed = true;
        return;
      }
      pending = it.next();
      if (first.value.type !== 'delta') {
        yield first.value;
        continue;
      }
      let text = first.value.text;
      let failure: { error: unknown } | undefined;
      for (;;) {
        let next: IteratorResult<RouterEvent> | typeof WOULD_WAIT;
        try {
          next = await readyNow(pending);
        } catch (error) {
          failure = { error };
          break;
        }
        if (next === WOULD_WAIT || next.done || next.value.type !== 'delta') break;
        text += next.value.text;
        pending = it.next();
      }
      // Text gathered before a failure was delivered by the provider: pass it on, then the failure.
      yield { type: 'delta', text };
      if (failure) {
        completed = true;
        throw failure.error;
      }
    }
  } finally {
    // The consumer stopped early (client gone): stop the source, which aborts the upstream call.
    if (!completed) await it.return?.();
  }
}
