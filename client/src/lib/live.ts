import type { AnyVariables, Client, DocumentInput, OperationResult } from '@urql/core';

export interface LiveHandlers<Data, Variables extends AnyVariables> {
  /** Every value the gateway sent, in order; also a failure (`result.error`), after which nothing follows. */
  onResult: (result: OperationResult<Data, Variables>) => void;
  /** The gateway closed the stream. */
  onEnd?: () => void;
}

/**
 * Runs a subscription over the client's fetch (SSE) and hands over each value
 * once. When the stream closes, urql repeats its last value with `hasNext:
 * false`; that repeat is the end signal here, not another value. A network
 * failure also arrives with `hasNext: false` and is passed on as a result.
 * Returns the unsubscribe function, which aborts the request.
 */
export function subscribeLive<Data, Variables extends AnyVariables>(
  client: Client,
  query: DocumentInput<Data, Variables>,
  variables: Variables,
  handlers: LiveHandlers<Data, Variables>,
): () => void {
  const { unsubscribe } = client.subscription(query, variables).subscribe((result) => {
    if (result.hasNext === false && !result.error?.networkError) handlers.onEnd?.();
    else handlers.onResult(result);
  });
  return unsubscribe;
}

/**
 * Calls `fn` at most once per `ms`: the first call runs at once, calls within
 * the window fold into one trailing call at its end. `cancel` drops a pending call.
 */
export function throttle(fn: () => void, ms: number): { (): void; cancel: () => void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  const throttled = () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
