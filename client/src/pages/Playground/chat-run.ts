import type { CombinedError, OperationResult } from '@urql/core';
import type { ChatResultFieldsFragment, ChatStreamSubscription } from '../../gql/graphql.ts';

/**
 * One chat in the playground, from Send to its end. `text` is what has streamed
 * in so far; a run that failed or was stopped keeps the text it got.
 */
export type ChatRun =
  | { status: 'streaming'; text: string }
  | { status: 'done'; text: string; result: ChatResultFieldsFragment }
  | { status: 'failed'; text: string; error: CombinedError }
  | { status: 'stopped'; text: string }
  /** The stream closed with neither a result nor an error. */
  | { status: 'ended'; text: string };

export const startRun = (): ChatRun => ({ status: 'streaming', text: '' });

export const isFinished = (run: ChatRun) => run.status !== 'streaming';

/**
 * Folds one value of the chat subscription into the run. After an error urql
 * still carries the previous delta in `data`, so an error is checked first and
 * that text is not appended again; anything after the run finished is ignored.
 */
export function applyChatResult(run: ChatRun, result: Pick<OperationResult<ChatStreamSubscription>, 'data' | 'error'>): ChatRun {
  if (run.status !== 'streaming') return run;
  if (result.error) return { status: 'failed', text: run.text, error: result.error };
  const event = result.data?.chat;
  if (!event) return run;
  if (event.__typename === 'ChatDelta') return { status: 'streaming', text: run.text + event.text };
  // The playground offers no tools, so no tool-call pieces come; the final result shows any that would.
  if (event.__typename !== 'ChatCompleted') return run;
  return { status: 'done', text: event.result.text, result: event.result };
}

/** The stream closed: a run still streaming ended early. */
export const endRun = (run: ChatRun): ChatRun => (run.status === 'streaming' ? { status: 'ended', text: run.text } : run);

/** The user pressed Stop. */
export const stopRun = (run: ChatRun): ChatRun => (run.status === 'streaming' ? { status: 'stopped', text: run.text } : run);
