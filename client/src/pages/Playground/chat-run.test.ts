import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import type { ChatResultFieldsFragment } from '../../gql/graphql.ts';
import { applyChatResult, endRun, startRun, stopRun } from './chat-run.ts';

const delta = (text: string) => ({ data: { chat: { __typename: 'ChatDelta' as const, text } } });
const completed = { text: 'You said: hi there', usage: { inputTokens: 2, outputTokens: 4 } } as ChatResultFieldsFragment;

describe('a playground chat run', () => {
  it('appends deltas in order and ends with the completed result', () => {
    let run = startRun();
    for (const d of ['You ', 'said: ', 'hi ', 'there']) run = applyChatResult(run, delta(d));
    expect(run).toEqual({ status: 'streaming', text: 'You said: hi there' });
    run = applyChatResult(run, { data: { chat: { __typename: 'ChatCompleted', result: completed } } });
    expect(run.status).toBe('done');
    expect(run.text).toBe('You said: hi there');
    // Whatever urql replays after the end changes nothing.
    expect(applyChatResult(run, delta('there'))).toBe(run);
  });

  it('keeps the text it got when an error arrives, without appending the delta urql carries along', () => {
    let run = applyChatResult(startRun(), delta('Hello '));
    const error = new CombinedError({ graphQLErrors: [{ message: 'cut off', extensions: { code: 'STREAM_INTERRUPTED' } }] });
    run = applyChatResult(run, { ...delta('Hello '), error });
    expect(run).toEqual({ status: 'failed', text: 'Hello ', error });
  });

  it('is stopped by the user, or ended by a stream that closed without a result', () => {
    const partial = applyChatResult(startRun(), delta('Hel'));
    expect(stopRun(partial)).toEqual({ status: 'stopped', text: 'Hel' });
    expect(endRun(partial)).toEqual({ status: 'ended', text: 'Hel' });
    const stopped = stopRun(partial);
    expect(endRun(stopped)).toBe(stopped);
  });
});
