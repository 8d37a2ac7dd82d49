import { expect, test } from 'vitest';
import { coalesceDeltas } from '../../server/modules/chat/coalesce-deltas.ts';
import type { RouterEvent } from '../../server/router/index.ts';

const done = { type: 'done', usage: { inputTokens: 1, outputTokens: 3 }, provider: 'p', model: 'm', attempts: [], latencyMs: 1 } as RouterEvent;
const collect = async (source: AsyncIterable<RouterEvent>) => {
  const out: RouterEvent[] = [];
  for await (const e of coalesceDeltas(source)) out.push(e);
  return out;
};

test('deltas available together become one; deltas that arrive apart stay apart; done passes through', async () => {
  async function* burstThenPause(): AsyncGenerator<RouterEvent> {
    yield { type: 'delta', text: 'a' };
    yield { type: 'delta', text: 'b' };
    yield { type: 'delta', text: 'c' };
    await new Promise((r) => setTimeout(r, 20)); // the next token needs the network
    yield { type: 'delta', text: 'd' };
    yield done;
  }
  expect(await collect(burstThenPause())).toEqual([{ type: 'delta', text: 'abc' }, { type: 'delta', text: 'd' }, done]);
});

test('a failure after some deltas still delivers the text gathered before it', async () => {
  async function* cut(): AsyncGenerator<RouterEvent> {
    yield { type: 'delta', text: 'partial ' };
    yield { type: 'delta', text: 'answer' };
    throw new Error('stream cut');
  }
  const seen: RouterEvent[] = [];
  await expect(
    (async () => {
      for await (const e of coalesceDeltas(cut())) seen.push(e);
    })(),
  ).rejects.toThrow('stream cut');
  expect(seen).toEqual([{ type: 'delta', text: 'partial answer' }]);
});

test('stopping early closes the source (so the upstream call is aborted)', async () => {
  let closed = false;
  async function* endless(): AsyncGenerator<RouterEvent> {
    try {
      for (;;) {
        yield { type: 'delta', text: 'x' };
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      closed = true;
    }
  }
  for await (const _ of coalesceDeltas(endless())) break;
  expect(closed).toBe(true);
});
