import { GraphQLError, Kind, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { AppError, toGraphQLError } from '../errors.ts';
import { resolveViewer } from '../modules/auth/resolve-viewer.ts';
import type { Permission } from '../modules/roles/permissions.ts';

/** How often a live subscription re-checks its credential even when nothing was announced (expiry, missed messages). */
const RECHECK_MS = 30_000;

type Subscriber = Context & { socket?: { close(code: number, reason: string): void } };

/**
 * A subscription is authorized when it starts; this keeps it authorized while
 * it runs. When any instance announces a credential change (and every 30 s), each
 * live subscription resolves its credential again and checks the permission its
 * field needs. If the key was revoked, the user suspended or deleted, or the
 * permission removed, the subscription ends with an UNAUTHENTICATED or
 * FORBIDDEN error, a chat in flight is stopped (and settled), and a WebSocket
 * is closed (4401 / 4403).
 */
export function useLiveCredentials(): Plugin<Context> {
  return {
    onSubscribe({ args }) {
      const ctx = args.contextValue as Subscriber;
      if (!ctx.viewer || !ctx.authorization) return;
      const permission = requiredPermission(args.schema, args.document);
      const stop = new AbortController();
      // The chat resolver follows ctx.signal: a revoked credential stops the upstream call too, and so does
      // the client going away (forwarded by hand: AbortSignal.any costs 2% of a streamed chat on Node 20).
      const request = ctx.signal;
      if (request?.aborted) stop.abort(request.reason);
      else request?.addEventListener('abort', () => stop.abort(request.reason), { once: true });
      ctx.signal = stop.signal;
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable(result)) return;
          setResult(guard(result, ctx, permission, stop));
        },
      };
    },
  };
}

/**
 * The source's results until the credential fails a check, then one error
 * result and the end. An explicit iterator rather than a generator, so that a
 * client going away (`return`) releases everything at once, even while a
 * result is awaited.
 */
function guard(source: AsyncIterable<ExecutionResult>, ctx: Subscriber, permission: Permission | undefined, stop: AbortController): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  let refuse!: (error: GraphQLError) => void;
  const refused = new Promise<GraphQLError>((resolve) => (refuse = resolve));
  let finished = false;
  let checking: Promise<void> | null = null;
  let again = false;
  const check = async (): Promise<void> => {
    try {
      const resolved = await resolveViewer(() => ctx.app.orm.em.fork(), ctx.app.credentialCache, ctx.authorization!);
      if (!resolved) refuse(coded(new AppError('UNAUTHENTICATED', 'Sign in first')));
      else if (permission && !resolved.viewer.permissions.has(permission)) {
        refuse(coded(new AppError('FORBIDDEN', `Not allowed any more: this subscription needs the ${permission} permission`)));
      }
    } catch (error) {
      // A database hiccup is not a revocation; the next check decides.
      if (error instanceof AppError) refuse(coded(error));
    }
  };
  // One check at a time; a change announced meanwhile is checked again after it.
  const schedule = () => {
    if (finished) return;
    if (checking) {
      again = true;
      return;
    }
    checking = check().finally(() => {
      checking = null;
      if (again) {
        again = false;
        schedule();
      }
    });
  };
  const unlisten = ctx.app.credentials.onChange(schedule);
  const timer = setInterval(schedule, RECHECK_MS);
  timer.unref();
  const finish = () => {
    if (finished) return;
    finished = true;
    unlisten();
    clearInterval(timer);
    void iterator.return?.();
  };
  const done = (): IteratorResult<ExecutionResult> => ({ done: true, value: undefined });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return done();
      const next = await Promise.race([iterator.next(), refused]);
      if (finished) return done();
      if (next instanceof GraphQLError) {
        stop.abort(new DOMException('credentials revoked', 'AbortError'));
        finish();
        const code = next.extensions.code === 'UNAUTHENTICATED' ? 4401 : 4403;
        // Other subscriptions on this socket share its credential: close it after this error is out.
        setTimeout(() => ctx.socket?.close(code, String(next.extensions.code)), 50).unref();
        return { done: false, value: { errors: [next] } };
      }
      if (next.done) finish();
      return next;
    },
    async return() {
      finish();
      return done();
    },
    async throw(error) {
      finish();
      throw error;
    },
  };
}

function coded(error: AppError): GraphQLError {
  return toGraphQLError(error);
}

function requiredPermission(schema: GraphQLSchema, document: DocumentNode): Permission | undefined {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const selection = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD) : undefined;
  if (!selection || selection.kind !== Kind.FIELD) return undefined;
  const field = schema.getSubscriptionType()?.getFields()[selection.name.value];
  const scopes = (field?.extensions as { pothosOptions?: { authScopes?: { permission?: Permission } } } | undefined)?.pothosOptions?.authScopes;
  return scopes?.permission;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
