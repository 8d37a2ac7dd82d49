/** The router's typed errors. Plain classes with a `code`; the GraphQL layer maps codes to its own errors. */
import type { ProviderErrorKind, TokenUsage } from '../../plugins/plugin-api.ts';

/** One try against one provider instance, as reported to the caller and the audit log. */
export interface Attempt {
  /** Provider instance id. */
  provider: string;
  /** The provider's model id. */
  model: string;
  /** Human-readable failure; absent for the successful attempt. */
  error?: string;
  /**
   * Failure class: a ProviderErrorKind, or why the provider was skipped: `circuit_open`,
   * `unavailable` (not loaded), `overloaded` (at its concurrency limit), `unsupported`
   * (it cannot serve a feature the request uses; nothing was sent, the circuit is untouched).
   */
  code?: ProviderErrorKind | 'circuit_open' | 'unavailable' | 'overloaded' | 'unsupported';
  /** Upstream HTTP status, when there was one. */
  status?: number;
  latencyMs: number;
}

export type RouterErrorCode =
  /** The model name is not in the config. */
  | 'MODEL_NOT_FOUND'
  /** Every provider in the chain failed or was skipped. */
  | 'PROVIDER_UNAVAILABLE'
  /**
   * An upstream refused the request itself (400/413/422), so trying elsewhere would not help;
   * or no provider of the model can serve a feature the request uses (nothing was sent).
   */
  | 'BAD_REQUEST'
  /** The caller aborted. */
  | 'ABORTED'
  /** Every provider able to serve was at its concurrency limit: nothing was sent. */
  | 'OVERLOADED'
  /** The stream broke after deltas were delivered; see StreamInterruptedError. */
  | 'STREAM_INTERRUPTED';

/** A routing failure with every attempt made so far. */
export class RouterError extends Error {
  readonly code: RouterErrorCode;
  readonly attempts: Attempt[];

  constructor(code: RouterErrorCode, message: string, attempts: Attempt[], cause?: unknown) {
    super(message, { cause });
    this.name = 'RouterError';
    this.code = code;
    this.attempts = attempts;
  }
}

/**
 * A failure after the first delta reached the caller. No retry or fallback
 * happens then (the caller has already shown text), so this carries what was
 * delivered for metering. `code` is `ABORTED` when the caller itself aborted.
 */
export class StreamInterruptedError extends RouterError {
  /** Provider instance and model that produced the delivered text. */
  readonly provider: string;
  readonly model: string;
  /** Text delivered before the failure. */
  readonly deliveredText: string;
  /** Usage when the provider reported it before failing, else null (estimate from `deliveredText`). */
  readonly usage: TokenUsage | null;

  constructor(
    init: { code: 'STREAM_INTERRUPTED' | 'ABORTED'; provider: string; model: string; deliveredText: string; usage: TokenUsage | null },
    message: string,
    attempts: Attempt[],
    cause?: unknown,
  ) {
    super(init.code, message, attempts, cause);
    this.name = 'StreamInterruptedError';
    this.provider = init.provider;
    this.model = init.model;
    this.deliveredText = init.deliveredText;
    this.usage = init.usage;
  }
}
