import type { Plugin } from 'graphql-yoga';
import { AppError, toGraphQLError } from '../errors.ts';
import type { Context } from '../context.ts';

export interface SubscriptionCaps {
  /** Open subscriptions per user (SSE and WebSocket together). */
  perUser: number;
  /** Open subscriptions on this gateway instance. */
  total: number;
}

/** Counts open subscriptions per user and in total; `tryOpen` hands out a release function or refuses. */
export class SubscriptionSlots {
  private readonly byUser = new Map<string, number>();
  private open = 0;

  constructor(private readonly caps: SubscriptionCaps) {}

  /** A release function (idempotent), or the reason for refusing. */
  tryOpen(userId: string): (() => void) | { refused: 'USER' | 'INSTANCE' } {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.caps.perUser) return { refused: 'USER' };
    if (this.open >= this.caps.total) return { refused: 'INSTANCE' };
    this.byUser.set(userId, mine + 1);
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }

  get size(): number {
    return this.open;
  }
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/** The same stream, calling `release` once it ends for any reason: completed, failed, or returned by the consumer. */
function releasing<T>(source: AsyncIterable<T>, release: () => void): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        const step = await iterator.next();
        if (step.done) release();
        return step;
      } catch (error) {
        release();
        throw error;
      }
    },
    async return(value?: unknown) {
      release();
      return iterator.return ? iterator.return(value) : { done: true, value: value as T };
    },
    async throw(error?: unknown) {
      release();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
  };
}

/**
 * Caps open subscriptions per user and per instance, over SSE and graphql-ws
 * alike (both run through this envelop pipeline). A subscription over the cap
 * is refused with TOO_MANY_SUBSCRIPTIONS before anything starts; its slot is
 * freed when the stream ends, fails, or the client goes away.
 */
export function useSubscriptionCaps(caps: SubscriptionCaps): Plugin<Context> {
  const slots = new SubscriptionSlots(caps);
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const release = slots.tryOpen(args.contextValue.viewer?.userId ?? 'anonymous');
      if (typeof release !== 'function') {
        const message =
          release.refused === 'USER'
            ? `Too many open subscriptions: at most ${caps.perUser} per user; close one first`
            : `Too many open subscriptions on this gateway instance (at most ${caps.total}); try again shortly`;
        setResultAndStopExecution({
          errors: [toGraphQLError(new AppError('TOO_MANY_SUBSCRIPTIONS', message, { limit: release.refused }))],
        });
        return;
      }
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(releasing(result, release) as never);
          else release();
        },
      };
    },
  };
}
