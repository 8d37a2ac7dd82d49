/**
 * What one hostile document costs the event loop, anonymously, through yoga
 * (body parsing, parse, the document limits, validation), without and with the
 * selection and repeated-field limits. Each request carries a unique comment
 * so yoga's parse and validation caches do not hide the cost. Embedded
 * database, in process, no HTTP.
 *
 *   node --import tsx bench/document-limits.ts
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createGateway } from '../server/gateway.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

const shapes: [string, string][] = [
  ['me { id } x1240 (the reported document)', `{ ${'me { id } '.repeat(1240)} }`],
  ['me { __typename } x1240', `{ ${'me { __typename } '.repeat(1240)} }`],
  ['me { id } x500 (1,000 selections)', `{ ${'me { id } '.repeat(500)} }`],
  ['email x1240 in one me', `{ me { ${'email '.repeat(1240)} } }`],
  ['300 fragments, each me { id }', `{ ${Array.from({ length: 300 }, (_, i) => `...F${i}`).join(' ')} } ${Array.from({ length: 300 }, (_, i) => `fragment F${i} on Query { me { id } }`).join(' ')}`],
  ['an ordinary query (users page)', '{ users(first: 20) { totalCount edges { node { id email name status roles { id name } quota { dailyInputLimit dailyOutputLimit } } } pageInfo { hasNextPage endCursor } } }'],
];

const unlimited = { maxSelections: Number.POSITIVE_INFINITY, maxFieldPairs: Number.POSITIVE_INFINITY };
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const logger = pino({ level: 'silent' });
const rows: string[][] = [];
for (const [label, yoga] of [['before (no selection or pair limit)', unlimited], ['after (defaults)', {}]] as const) {
  const gateway = await createGateway({ logger, yoga });
  try {
    for (const [name, query] of shapes) {
      const times: number[] = [];
      let outcome = '';
      for (let i = 0; i < RUNS + 3; i++) {
        const body = JSON.stringify({ query: `# run ${i} ${Math.random()}\n${query}` });
        const before = performance.eventLoopUtilization();
        const response = await gateway.yoga.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const result = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        const used = performance.eventLoopUtilization(before);
        if (i >= 3) times.push(used.active);
        outcome = result.errors ? `${result.errors[0].extensions?.code}: ${result.errors[0].message.slice(0, 40)}` : 'ok';
      }
      rows.push([label, name, `${(query.length / 1024).toFixed(1)} KB`, Math.min(...times).toFixed(2), percentile(times, 0.5).toFixed(2), Math.max(...times).toFixed(2), outcome]);
    }
  } finally {
    await gateway.close();
  }
}

console.log('\n| limits | document | size | min ms | p50 ms | max ms | answer |\n|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
