import { describe, expect, it } from 'vitest';
import { parseNdjson } from './ndjson.ts';
import { parseSse } from './sse.ts';
import { parseRetryAfter } from './errors.ts';

async function* chunksOf(bytes: Uint8Array, sizes: number[]) {
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const n = sizes[i % sizes.length];
    yield bytes.subarray(pos, pos + n);
    pos += n;
  }
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

const SSE = ': keep-alive\r\nevent: delta\r\ndata: {"t":"héllo"}\r\n\r\ndata: line one\ndata: line two\n\nid: 3\ndata:no-space\r\rdata: 🙂 end\n\n';
const EXPECTED = [
  { event: 'delta', data: '{"t":"héllo"}' },
  { event: 'message', data: 'line one\nline two' },
  { event: 'message', data: 'no-space' },
  { event: 'message', data: '🙂 end' },
];

describe('SSE parser', () => {
  const bytes = new TextEncoder().encode(SSE);

  it('parses events with comments, CRLF, lone CR and multi-line data', async () => {
    expect(await collect(parseSse(chunksOf(bytes, [bytes.length])))).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are split (inside CRLF and multi-byte characters too)', async () => {
    for (const sizes of [[1], [2], [3], [5, 1], [7, 2, 1], [13]]) {
      expect(await collect(parseSse(chunksOf(bytes, sizes)))).toEqual(EXPECTED);
    }
  });

  it('keeps concurrent streams apart when their parsers interleave', async () => {
    const a = parseSse(chunksOf(new TextEncoder().encode('data: a1\n\ndata: a2\n\ndata: a3\n\n'), [100]));
    // b's lines are longer, so a regex index shared with b would skip past a's line ends.
    const long = 'b'.repeat(40);
    const b = parseSse(chunksOf(new TextEncoder().encode(`data: ${long}1\r\n\r\ndata: ${long}2\r\n\r\n`), [200]));
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [x, y] = [await a.next(), await b.next()];
      if (!x.done) seen.push(x.value.data);
      if (!y.done) seen.push(y.value.data);
    }
    expect(seen).toEqual(['a1', `${long}1`, 'a2', `${long}2`, 'a3']);
  });

  it('dispatches a final event that lacks its blank line', async () => {
    expect(await collect(parseSse(chunksOf(new TextEncoder().encode('data: a\n\ndata: b'), [3])))).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
    ]);
  });
});

describe('NDJSON parser', () => {
  it('parses lines split anywhere and skips blank lines', async () => {
    const bytes = new TextEncoder().encode('{"a":1}\n\n{"b":"ü"}\r\n{"c":3}');
    for (const sizes of [[1], [4], [100]]) {
      expect(await collect(parseNdjson(chunksOf(bytes, sizes)))).toEqual([{ a: 1 }, { b: 'ü' }, { c: 3 }]);
    }
  });

  it('throws a stream ProviderError on a malformed line', async () => {
    await expect(collect(parseNdjson(chunksOf(new TextEncoder().encode('{"a":\n'), [10])))).rejects.toMatchObject({ kind: 'stream' });
  });
});

describe('retry-after parsing', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
