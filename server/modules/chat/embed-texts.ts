import { createHash, randomUUID } from 'node:crypto';
import { AppError, badInput } from '../../errors.ts';
import { RouterError, type Attempt, type Router } from '../../router/index.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { dayIn } from '../../util/days.ts';
import { estimateTokens } from '../metering/token-estimate.ts';
import { BudgetShortfall, reserveQuota } from '../metering/quota-reservation.ts';
import type { Reservation } from '../metering/metering.store.ts';
import type { RateLimitStatus } from '../rate-limits/rate-limiter.ts';
import type { AdmitDeps } from './admit-chat.ts';
import { databaseUnavailable, refusalOf, toAppError } from './chat.service.ts';
import type { ChatsInFlight } from './chats-in-flight.ts';
import type { ChatCaller, ChatEntry } from './chat.types.ts';
import { publishSettled, type SettleDeps } from './settle-chat.ts';
import type { ChatObserver } from './chat-observer.ts';
import { refusalCode, type RefusalRecorder } from '../request-log/refusals.ts';

/** Texts to embed, as every door hands them to the core. */
export interface EmbedInput {
  model: string;
  input: string[];
  /** Requested vector size, where the model can shorten its vectors. */
  dimensions?: number | null;
  endUser?: string | null;
}

export interface EmbedOutput {
  embeddings: number[][];
  usage: { inputTokens: number };
  provider: string;
  /** The provider's model id that answered. */
  model: string;
  requestedModel: string;
  attempts: Attempt[];
  requestId: string;
  auditId: string | null;
  rateLimit: RateLimitStatus | null;
}

/** What embedding needs: the chat core's own dependencies (server/gateway.ts), no others. */
export interface EmbedDeps extends AdmitDeps, SettleDeps {
  router: Router;
  inFlight: ChatsInFlight;
  /** Metrics and traces, as for chats; absent when both are off. */
  observer?: ChatObserver;
  /** Records calls refused at admission (quota, budget, rate limit, DLP) as `chat.refused`, as for chats. */
  refusals?: RefusalRecorder;
}

export interface EmbeddingService {
  /** Embeds texts: admitted (DLP, budgets, rate limits, input quota), routed, then metered and audited exactly once. */
  embed(ctx: ChatCaller, input: EmbedInput, options: { signal?: AbortSignal; via: ChatEntry }): Promise<EmbedOutput>;
}

const LIMITS = { inputs: 2048, inputChars: 100_000, totalChars: 1_000_000, dimensions: 4096 };

function validate(input: EmbedInput, knownModel: (name: string) => boolean): void {
  if (!knownModel(input.model)) throw badInput(`Unknown model "${input.model.slice(0, 100)}"; Query.models lists the ones you may use`, 'model');
  if (!input.input.length) throw badInput('input must hold at least one text', 'input');
  if (input.input.length > LIMITS.inputs) throw badInput(`At most ${LIMITS.inputs} texts per call`, 'input');
  let total = 0;
  for (const text of input.input) {
    if (!text) throw badInput('input texts must not be empty', 'input');
    if (text.length > LIMITS.inputChars) throw badInput(`A text may hold at most ${LIMITS.inputChars} characters`, 'input');
    total += text.length;
  }
  if (total > LIMITS.totalChars) throw badInput(`All texts together may hold at most ${LIMITS.totalChars} characters`, 'input');
  if (input.dimensions != null && !(Number.isInteger(input.dimensions) && input.dimensions >= 1 && input.dimensions <= LIMITS.dimensions)) {
    throw badInput(`dimensions must be a whole number from 1 to ${LIMITS.dimensions}`, 'dimensions');
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Embeddings beside chats, on the same rules: an embedding call is a chat with
 * input and no output for metering (input tokens against the input quota and
 * budgets, rate limits), DLP screens every text before it goes anywhere, the
 * router gives it the same retries, fallback and breakers, and its audit record
 * (action `chat`, `kind: embeddings` in the metadata) holds the hash of the
 * input, the vector size and the tokens, never the texts or vectors.
 */
export function createEmbeddingService(deps: EmbedDeps): EmbeddingService {
  return {
    async embed(ctx, input, { signal, via }) {
      const startedAt = performance.now();
      validate(input, deps.knownModel);
      const inputHash = sha256(JSON.stringify({ model: input.model, input: input.input, dimensions: input.dimensions ?? null }));
      const abort = new AbortController();
      const watch = deps.observer?.begin(ctx, input.model, via, 'embeddings');
      let slot: ReturnType<ChatsInFlight['enter']>;
      try {
        slot = deps.inFlight.enter(abort, () => '');
      } catch (error) {
        watch?.refused(error); // overloaded, or draining
        throw error;
      }
      let reservation: Reservation;
      let texts: string[];
      let rateLimit: Awaited<ReturnType<AdmitDeps['rateLimits']['admit']>>;
      const chatId = randomUUID();
      const stage = <T>(name: 'screen' | 'admit', run: () => Promise<T>) => (watch ? watch.stage(name, run) : run());
      // Admission as for a chat: DLP, budgets, rate limits, the quota reservation (traced as `admission`, DLP inside).
      const admit = async () => {
        const messages = input.input.map((content) => ({ role: 'user' as const, content }));
        const screened = await stage('screen', () => deps.screen(ctx, { model: input.model, messages }, input.model));
        const texts = screened.messages.map((m) => m.content as string);
        const budgets = await deps.budgets.check(ctx.viewer.userId, ctx.viewer.roleIds);
        const rateLimit = await deps.rateLimits.admit(ctx.viewer, () => texts.reduce((n, t) => n + estimateTokens(t), 0));
        // No tokenizer makes more than one token of a UTF-8 byte: the byte count bounds what the vendor bills.
        const inputTokens = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8') + 1, 0);
        const ledger = {
          chatId,
          requestId: ctx.requestId,
          instanceId: deps.instanceId,
          apiKeyId: ctx.viewer.via === 'apiKey' ? ctx.viewer.credentialId : null,
          model: input.model,
          promptHash: inputHash,
          via,
        };
        try {
          const reservation = await reserveQuota(deps.quota, { userId: ctx.viewer.userId, day: dayIn(deps.quota.timezone), inputTokens, outputTokens: 0, timezone: deps.quota.timezone, ledger, budgets: budgets ?? undefined });
          return { reservation, texts, rateLimit };
        } catch (error) {
          throw error instanceof BudgetShortfall ? error.refusal : error;
        }
      };
      try {
        ({ reservation, texts, rateLimit } = await stage('admit', admit));
      } catch (error) {
        deps.inFlight.leave(slot);
        const refusal = isDatabaseUnavailable(error) ? databaseUnavailable() : error;
        if (deps.refusals && refusalCode(error)) deps.refusals.record(refusalOf(ctx, input.model, via, inputHash, startedAt), error);
        watch?.refused(refusal);
        throw refusal;
      }
      slot.chatId = chatId;
      const onAbort = () => abort.abort(signal?.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      let result: Awaited<ReturnType<Router['embed']>> | undefined;
      let failure: unknown;
      try {
        result = await deps.router.embed(input.model, { input: texts, dimensions: input.dimensions ?? undefined, endUser: input.endUser ?? undefined, requestId: ctx.requestId, watch: watch?.attempts }, abort.signal);
      } catch (error) {
        failure = error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
      const usage = { inputTokens: result?.usage.inputTokens ?? 0, outputTokens: 0 };
      const attempts = result?.attempts ?? (failure instanceof RouterError ? failure.attempts : []);
      const provider = result?.provider ?? attempts.at(-1)?.provider ?? '';
      const outcome = result ? 'ok' : abort.signal.aborted ? 'disconnected' : 'failed';
      let auditId: string | null = null;
      let settled = false;
      const settle = async () => {
        deps.rateLimits.settle(rateLimit, 0);
        const latencyMs = performance.now() - startedAt;
        auditId = await deps.settlements.settle({
          chatId,
          reservation,
          usage,
          model: input.model,
          provider,
          audit: {
            promptHash: inputHash,
            responseHash: null,
            latencyMs,
            metadata: {
              requestId: ctx.requestId,
              via,
              kind: 'embeddings',
              outcome,
              answeredModel: result?.model ?? null,
              inputs: texts.length,
              dimensions: result?.embeddings[0]?.length ?? input.dimensions ?? null,
              attempts,
              reserved: { inputTokens: reservation.inputTokens, outputTokens: 0 },
              ...(input.endUser ? { endUser: input.endUser } : {}),
              ...(failure ? { error: failure instanceof RouterError ? failure.message : 'internal error' } : {}),
            },
          },
        });
        publishSettled(deps.events, { userId: ctx.viewer.userId, model: input.model, provider, usage: { ...usage, outputTokens: 0 }, outcome, attempts, latencyMs });
        settled = true;
      };
      try {
        await (watch ? watch.stage('settle', settle) : settle());
      } finally {
        deps.inFlight.leave(slot);
        watch?.end({ kind: outcome, provider, attempts, usage: settled ? usage : undefined });
      }
      if (!result) throw failure instanceof RouterError && failure.code === 'ABORTED' ? new AppError('BAD_USER_INPUT', 'The call was cancelled') : toAppError(failure, '', usage);
      return {
        embeddings: result.embeddings,
        usage: { inputTokens: usage.inputTokens },
        provider: result.provider,
        model: result.model,
        requestedModel: input.model,
        attempts: result.attempts,
        requestId: ctx.requestId,
        auditId,
        rateLimit: rateLimit?.status ?? null,
      };
    },
  };
}
