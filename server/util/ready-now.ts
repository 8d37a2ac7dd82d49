/** What `readyNow` answers when the promise needs more I/O to settle. */
export const WOULD_WAIT = Symbol('would-wait');

/**
 * The promise's value if it settles within this turn of the event loop (its
 * I/O already arrived), else WOULD_WAIT: setImmediate runs after the turn's
 * pending I/O callbacks, so anything already buffered resolves first. Lets a
 * stream merge what is ready together without ever holding back what is not.
 */
export function readyNow<T>(promise: Promise<T>): Promise<T | typeof WOULD_WAIT> {
  return Promise.race([promise, new Promise<typeof WOULD_WAIT>((resolve) => setImmediate(resolve, WOULD_WAIT))]);
}
