/**
 * Node 20's AsyncLocalStorage turns on promise hooks the first time any store
 * is entered and keeps them on: from then on every promise the process creates
 * pays for an init hook. The ORM enters its stores (transaction context, flush
 * guard) only around admin writes and start-up, yet one such write left the
 * hooks on for good: 8% of a streamed chat's CPU in a profile. Here a store
 * entered with `run()` is disabled again once no call inside it is still
 * running, which turns the hooks off when no store is in use; the next `run()`
 * turns them on again.
 *
 * Installed by the composition root (server/gateway.ts). Tracing switches it
 * off for the process (`keepStoresEnabled`): OpenTelemetry's context and the
 * request scope are stores whose values must outlive the call that entered
 * them (a stream reads them after its handler returned).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Storage = AsyncLocalStorage<unknown>;

const running = new WeakMap<Storage, number>();
let installed = false;
let keepAll = false;

/** From now on no store is disabled (tracing needs its stores after the calls that entered them). */
export function keepStoresEnabled(): void {
  keepAll = true;
}

function leave(storage: Storage): void {
  const left = (running.get(storage) ?? 1) - 1;
  running.set(storage, left);
  if (left === 0) storage.disable();
}

/** Makes every `AsyncLocalStorage.run()` disable its store when the last call inside it has finished. */
export function releaseStoresWhenIdle(): void {
  if (installed) return;
  installed = true;
  const run = AsyncLocalStorage.prototype.run;
  AsyncLocalStorage.prototype.run = function runThenRelease<R>(this: Storage, store: unknown, callback: (...args: unknown[]) => R, ...args: unknown[]): R {
    if (keepAll) return run.call(this, store, callback, ...args) as R;
    running.set(this, (running.get(this) ?? 0) + 1);
    let result: R;
    try {
      result = run.call(this, store, callback, ...args) as R;
    } catch (error) {
      leave(this);
      throw error;
    }
    if (result instanceof Promise) result.then(() => leave(this), () => leave(this));
    else leave(this);
    return result;
  } as typeof run;
}
