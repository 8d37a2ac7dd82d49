/** Options of the built-in mock provider, including its fault injection knobs. */
import { z } from 'zod';

export const mockOptionsSchema = z.object({
  /** What `listModels` reports; the router does not check it. */
  models: z.array(z.string()).default(['mock-small', 'mock-large']),
  /** A fixed reply; by default the mock answers `You said: <last user message>`. */
  reply: z.string().optional(),
  /** Words per streamed delta. */
  wordsPerDelta: z.number().int().positive().default(1),
  /** Delay before each delta, to make streaming visible and timeouts testable. */
  latencyMs: z.number().min(0).default(0),
  /** The first N chat calls of this instance fail before any delta (then it recovers). */
  failFirst: z.number().int().min(0).default(0),
  /** How those calls fail. */
  failWith: z.enum(['network', 'timeout', 'rate_limited', 'server', 'auth', 'bad_request']).default('server'),
  /** `retryAfterMs` on injected rate-limit failures. */
  retryAfterMs: z.number().int().min(0).optional(),
  /** Every call breaks with a `stream` error after this many deltas. */
  failAfterDeltas: z.number().int().min(0).optional(),
  /** Size of the vectors `embed` returns when the request names none. */
  embeddingDimensions: z.number().int().min(1).max(4096).default(8),
  /** `health` answers ok=false when set to false. */
  healthy: z.boolean().default(true),
});
export type MockOptions = z.infer<typeof mockOptionsSchema>;
