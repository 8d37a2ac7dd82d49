import { parse, type OperationDefinitionNode } from 'graphql';
import { AppError } from '../../errors.ts';
import { CredentialRefused } from '../auth/resolve-viewer.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { RefusalRecorder } from './refusals.ts';

/**
 * A chat refused before it reached the chat core: the account is suspended or
 * disabled, or the caller lacks the chat permission. Recorded (as REFUSED_ACCESS)
 * when the account is known; unknown, revoked or malformed credentials name
 * nobody and are left to the server log, so a scanner cannot fill the trail.
 */
export function recordAccessRefusal(
  refusals: RefusalRecorder,
  error: unknown,
  caller: { viewer: Viewer | null; requestId: string; via: string; model?: string },
): void {
  const userId = error instanceof CredentialRefused ? error.userId : error instanceof AppError && error.code === 'FORBIDDEN' ? (caller.viewer?.userId ?? null) : null;
  if (!userId) return;
  const viewer = caller.viewer?.userId === userId ? caller.viewer : null;
  refusals.record(
    {
      userId,
      apiKeyId: viewer?.via === 'apiKey' ? viewer.credentialId : null,
      requestId: caller.requestId,
      model: caller.model ?? '',
      via: caller.via,
      promptHash: null,
      latencyMs: 0,
    },
    error,
  );
}

/**
 * Whether a GraphQL document asks for the `chat` mutation or subscription at
 * its root. Only called on a refused request, so parsing costs nothing on the
 * path of answered chats.
 */
export function isChatOperation(query: unknown): 'mutation' | 'subscription' | null {
  if (typeof query !== 'string' || query.length > 100_000) return null;
  try {
    for (const def of parse(query, { noLocation: true }).definitions) {
      const op = def as OperationDefinitionNode;
      if (def.kind !== 'OperationDefinition' || op.operation === 'query') continue;
      if (op.selectionSet.selections.some((s) => s.kind === 'Field' && s.name.value === 'chat')) return op.operation;
    }
  } catch {
    // not a document: not a chat
  }
  return null;
}
