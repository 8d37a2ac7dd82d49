import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../server/config/index.ts';
import type { TestGateway } from '../fixtures/gateway.ts';

/** The offline mock models, mock-small priced at 1 per input token and 2 per output token (CNY). */
export function pricedConfig(extra: Record<string, unknown> = {}) {
  return parseConfig({
    providers: [{ id: 'mock', plugin: 'mock' }],
    models: [
      { name: 'mock-small', primary: { provider: 'mock', model: 'mock-small' } },
      { name: 'mock-large', primary: { provider: 'mock', model: 'mock-large' } },
    ],
    pricing: { currency: 'CNY', models: { 'mock-small': { inputPerMillion: 1_000_000, outputPerMillion: 2_000_000 } } },
    ...extra,
  });
}

const CHAT = 'mutation($m: String!, $c: String!) { chat(input: { model: $m, messages: [{ role: USER, content: $c }] }) { usage { inputTokens outputTokens } } }';

/** One chat; returns the raw GraphQL response. */
export function chat(gw: TestGateway, token: string, content = 'how much does this cost', model = 'mock-small') {
  return gw.gql(CHAT, { m: model, c: content }, token);
}

/** Waits until settlements, alert evaluation and webhook deliveries of this gateway are done. */
export async function settled(gw: TestGateway): Promise<void> {
  await gw.gateway.app.settlements.idle();
  await gw.gateway.app.budgets.monitor.idle();
}

export interface ReceivedCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
  status: number;
}

export interface FakeReceiver {
  url: string;
  calls: ReceivedCall[];
  /** Answer the next `n` calls to `path` with a 500. */
  failNext(path: string, n: number): void;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that records every POST and can fail on demand. */
export async function startReceiver(): Promise<FakeReceiver> {
  const calls: ReceivedCall[] = [];
  const failures = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const path = new URL(req.url!, 'http://x').pathname;
      const left = failures.get(path) ?? 0;
      const status = left > 0 ? 500 : 200;
      if (left > 0) failures.set(path, left - 1);
      calls.push({ path, headers: req.headers, body: JSON.parse(text), status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"errcode":0,"errmsg":"ok"}' : '{"error":"try again"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (path, n) => failures.set(path, n),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
