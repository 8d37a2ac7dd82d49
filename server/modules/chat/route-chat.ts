import type { AttemptWatcher, Router, RouterEvent } from '../../router/index.ts';
import type { Admission } from './admit-chat.ts';
import { coalesceDeltas } from './coalesce-deltas.ts';

/**
 * Sends an admitted chat through the resilient router (retries, fallback,
 * circuit breakers) and yields its events, with deltas that arrive together
 * merged into one.
 */
export function routeChat(router: Router, admission: Admission, signal: AbortSignal, stream: boolean, watch?: AttemptWatcher): AsyncIterable<RouterEvent> {
  const { input, maxTokens, requestId } = admission;
  return coalesceDeltas(
    router.stream(
      input.model,
      {
        messages: input.messages,
        temperature: input.temperature ?? undefined,
        topP: input.topP ?? undefined,
        seed: input.seed ?? undefined,
        maxTokens,
        stop: input.stop ?? undefined,
        tools: input.tools?.length ? input.tools : undefined,
        toolChoice: input.toolChoice ?? undefined,
        responseFormat: input.responseFormat ?? undefined,
        endUser: input.endUser ?? undefined,
        stream,
        requestId,
        watch,
      },
      signal,
    ),
  );
}
