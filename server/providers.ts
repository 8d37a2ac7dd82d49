import { contentText } from '../plugins/plugin-api.ts';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config/index.ts';
import type { AttemptFailure } from './router/index.ts';
import { createSecretMasker, maskPromptText } from './util/secret-mask.ts';

/** The provider API keys the config points at, as read from the environment. */
export function providerKeys(config: Pick<GatewayConfig, 'providers'>, env: NodeJS.ProcessEnv = process.env): string[] {
  return config.providers.flatMap((p) => (p.apiKeyEnv && env[p.apiKeyEnv] ? [env[p.apiKeyEnv]!] : []));
}

/**
 * The upstream's own words for a failed attempt go to the server log only, with
 * our provider keys, other credential shapes and the prompt masked (vendors
 * echo all three back in 401 and 400 bodies).
 */
export function logAttemptFailure(logger: Logger, keys: string[]) {
  const mask = createSecretMasker(keys);
  return ({ requestId, provider, model, error, request }: AttemptFailure) => {
    // Embedding inputs, and everything of a chat that reaches the vendor as text (tool call arguments too).
    const texts =
      'input' in request
        ? request.input
        : [...request.messages.flatMap((m) => [contentText(m.content), ...(m.toolCalls ?? []).map((c) => c.arguments)]), ...(request.stop ?? [])];
    let upstream = error.message;
    for (let cause = error.cause as Error | undefined, depth = 0; cause && depth < 3; cause = cause.cause as Error | undefined, depth++) {
      if (cause.message && !upstream.includes(cause.message)) upstream += `; cause: ${cause.message}`;
    }
    const entry = { requestId, provider, model, kind: error.kind, status: error.status, upstream: mask(maskPromptText(upstream, texts)).slice(0, 2000) };
    if (error.kind === 'aborted') logger.debug(entry, 'upstream attempt aborted');
    else logger.warn(entry, 'upstream attempt failed');
  };
}
