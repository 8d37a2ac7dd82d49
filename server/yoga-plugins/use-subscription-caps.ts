import { Kind, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { AppError, toGraphQLError } from '../errors.ts';
import type { Context } from '../context.ts';

export interface SubscriptionCaps {
  /** Open subscriptions per user (SSE and WebSocket together), streams in `boundedElsewhere` not counted. */
  perUser: number;
  /** Open subscriptions of any kind on this gateway instance. */
  total: number;
  /**
   * Root fields whose streams end on their own and are bounded by other limits
   * (a `chat` stream ends with its answer, holds a quota reservation and counts
   * against the instance's chat admission limit). A backend streaming answers
   * for many end users under one key must not be capped like a dashboard's feeds.
   */
  boundedElsewhere?: string[];
}

/** Counts open subscriptions per user and in total; `tryOpen` hands out a release function or refuses. */
export class SubscriptionSlots {
  private readonly byUser = new Map<string, number>();
  private open = 0;

  constructor(private readonly caps: SubscriptionCaps) {}

  /** A release function (idempotent), or the reason for refusing. `perUser: false` counts the instance total only. */
  tryOpen(userId: string, perUser = true): (() => void) | { refused: 'USER' | 'INSTANCE' } {
    const mine = this.byUser.get(userId) ?? 0;
    if (perUser && mine >= this.caps.perUser) return { refused: 'USER' };
    if (this.open >= this.caps.total) return { refused: 'INSTANCE' };
    if (perUser) this.byUser.set(userId, mine + 1);
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      if (!perUser) return;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }

  get size(): number {
    return this.open;
  }
}

/** The root field of the subscription operation (a subscription selects exactly one). */
function rootFieldOf(document: DocumentNode, operationName?: string | null): string | undefined {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const first = operation?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : undefined;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<ExecutionResult> =>
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
 * Caps open subscriptions per user (long-lived feeds; see `boundedElsewhere`)
 * and per instance (all of them), over SSE and graphql-ws alike (both run
 * through this envelop pipeline). A subscription over the cap
 * is refused with TOO_MANY_SUBSCRIPTIONS before anything starts; its slot is
 * freed when the stream ends, fails, or the client goes away.
 */
export function useSubscriptionCaps(caps: SubscriptionCaps): Plugin<Context> {
  const slots = new SubscriptionSlots(caps);
  const exempt = new Set(caps.boundedElsewhere ?? []);
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const field = rootFieldOf(args.document, args.operationName);
      const release = slots.tryOpen(args.contextValue.viewer?.userId ?? 'anonymous', !(field && exempt.has(field)));
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
          if (isAsyncIterable(result)) setResult(releasing(result, release));
          else release();
        },
      };
    },
  };
}
