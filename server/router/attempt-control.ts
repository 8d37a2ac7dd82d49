/**
 * The abort signal of one attempt: follows the caller's signal and fires a
 * TimeoutError when the attempt makes no progress in time (first delta, then
 * between chunks). Plugins map a TimeoutError reason to kind `timeout`.
 */

export interface AttemptControl {
  signal: AbortSignal;
  /** True once the attempt's own timer fired (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Call on every chunk: switches from the first-token limit to the idle limit and restarts it. */
  progress(): void;
  /** Stops the timer and unlinks the caller's signal; aborts the attempt if `abort` is set. */
  dispose(abort: boolean): void;
}

export function createAttemptControl(caller: AbortSignal, firstTokenMs: number, idleMs: number): AttemptControl {
  const ctl = new AbortController();
  let timedOut = false;
  let started = false;
  const fire = () => {
    timedOut = true;
    ctl.abort(new DOMException(`no progress within ${started ? idleMs : firstTokenMs} ms`, 'TimeoutError'));
  };
  let timer = setTimeout(fire, firstTokenMs);
  const onCallerAbort = () => ctl.abort(caller.reason);
  if (caller.aborted) ctl.abort(caller.reason);
  else caller.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: ctl.signal,
    get timedOut() {
      return timedOut;
    },
    progress() {
      if (started) return void timer.refresh();
      started = true;
      clearTimeout(timer);
      timer = setTimeout(fire, idleMs);
    },
    dispose(abort) {
      clearTimeout(timer);
      caller.removeEventListener('abort', onCallerAbort);
      if (abort && !ctl.signal.aborted) ctl.abort(new DOMException('attempt abandoned', 'AbortError'));
    },
  };
}
