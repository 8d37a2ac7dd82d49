import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as clientDocuments from '../../client/src/gql/graphql.ts';
import { countFieldPairs, countSelections } from '../../server/yoga-plugins/use-document-limits.ts';
import { DEFAULT_YOGA_OPTIONS } from '../../server/yoga.ts';
import { codeOf, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

/**
 * The quickest of `runs` anonymous requests, each made unique so yoga's caches
 * do not answer: the least disturbed by whatever else the machine runs.
 */
async function timed(query: string, runs = 7) {
  let ms = Infinity;
  let last: any;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await gw.gql(`# ${i} ${Math.random()}\n${query}`);
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, result: last };
}

/**
 * What "cheap" allows: 25 ms, plus ten times a trivial request's time measured
 * the same way, so a machine busy with other work does not fail the test while
 * a refusal that validates the document (57 ms and more, even on a quiet
 * machine) still does.
 */
async function cheapMs(): Promise<number> {
  return 25 + 10 * (await timed('{ __typename }')).ms;
}

describe('hostile documents are refused before validation', () => {
  test('1,240 repeats of one field (12 KB) are refused as too many selections, cheaply', async () => {
    const { ms, result } = await timed(`{ ${'me { id } '.repeat(1240)} }`);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors[0].extensions.kind).toBe('SELECTIONS');
    // Validating it cost at least 57 ms of event loop before the limit (bench/document-limits.ts); now about 1 ms.
    expect(ms).toBeLessThan(await cheapMs());
  });

  test('500 repeats (1,000 selections, under that limit) are refused for their repeated fields, cheaply', async () => {
    const { ms, result } = await timed(`{ ${'me { id } '.repeat(500)} }`);
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors[0].extensions.kind).toBe('REPEATED_FIELDS');
    expect(ms).toBeLessThan(await cheapMs());
  });

  test('repeats spread over many fragments count the same', async () => {
    const fragments = Array.from({ length: 300 }, (_, i) => `fragment F${i} on Query { me { id } }`).join(' ');
    const spread = await gw.gql(`{ ${Array.from({ length: 300 }, (_, i) => `...F${i}`).join(' ')} } ${fragments}`);
    expect(spread.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', kind: 'REPEATED_FIELDS' });
  });

  test('a field may still repeat a few times, as fragments make it do', async () => {
    const r = await gw.gql('{ me { id email ...A ...B } } fragment A on User { id email } fragment B on User { id name }', {}, gw.adminToken);
    expect(r.errors).toBeUndefined();
    expect(r.data.me.email).toBe('admin@test.local');
  });

  test("every document of the console is well inside the limits", () => {
    const documents = Object.entries(clientDocuments).filter(([name, doc]) => name.endsWith('Document') && (doc as any)?.kind === 'Document');
    expect(documents.length).toBeGreaterThan(10);
    for (const [name, doc] of documents) {
      expect(countSelections(doc as any), name).toBeLessThan(DEFAULT_YOGA_OPTIONS.maxSelections / 5);
      expect(countFieldPairs(doc as any, Infinity), name).toBeLessThan(DEFAULT_YOGA_OPTIONS.maxFieldPairs / 10);
    }
  });

  test('countFieldPairs counts what validation would compare', () => {
    expect(countFieldPairs(parse('{ a b c }'), Infinity)).toBe(0);
    expect(countFieldPairs(parse('{ a a a }'), Infinity)).toBe(3);
    // Two `me` fields are one pair, and their merged sub-selections hold two `id`s: another pair.
    expect(countFieldPairs(parse('{ me { id } me { id } }'), Infinity)).toBe(2);
    expect(countFieldPairs(parse('{ ...F ...F a } fragment F on Q { a }'), Infinity)).toBe(1);
  });
});
