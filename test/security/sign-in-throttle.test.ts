import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, startSecondGateway, startTestGateway, type GraphQLResponse, type TestGateway } from '../fixtures/gateway.ts';
import { listen, type ListeningGateway } from '../fixtures/http.ts';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const PASSWORD = 'throttle-test-passphrase';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs in through `gw` as a client at `source` (behind the one trusted proxy, which sets x-forwarded-for). */
async function loginFrom(gw: TestGateway, source: string, email: string, password: string): Promise<GraphQLResponse> {
  const res = await gw.gateway.yoga.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.250, ${source}` },
    body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password } }),
  });
  return { status: res.status, ...(await res.json()) };
}

// Two gateways need one shared PostgreSQL: the embedded database lives inside one process.
const noSharedDatabase = !process.env.DATABASE_URL && process.env.CI !== 'true';

describe('behind one trusted proxy (ZERO_TRUST_PROXY=1)', () => {
  let gw: TestGateway;
  let api: ReturnType<typeof adminApi>;
  beforeAll(async () => {
    gw = await startTestGateway({ trustProxyHops: 1 });
    api = adminApi(gw);
    for (const name of ['owner', 'bystander', 'shared', 'spray-target']) await api.createUser(`${name}@throttle.test`, { password: PASSWORD });
  });
  afterAll(() => gw?.close());

  test('five failures are free, then each failure makes the account wait 1 s, 2 s, ...; a correct password waits too; other accounts do not', async () => {
    const src = '203.0.113.10';
    for (let i = 0; i < 6; i++) expect(codeOf(await loginFrom(gw, src, 'owner@throttle.test', `wrong-guess-number-${i}`))).toBe('UNAUTHENTICATED');
    const waiting = await loginFrom(gw, '203.0.113.11', 'owner@throttle.test', PASSWORD);
    expect(codeOf(waiting)).toBe('RATE_LIMITED');
    expect(waiting.status).toBe(429);
    expect(waiting.errors![0].extensions!.retryAfterSeconds).toBe(1);
    expect(waiting.errors![0].message).toMatch(/for this account; try again in 1 s/);
    expect(codeOf(await loginFrom(gw, src, 'bystander@throttle.test', PASSWORD))).toBeUndefined();

    await sleep(1050);
    expect(codeOf(await loginFrom(gw, src, 'owner@throttle.test', 'wrong-guess-number-7'))).toBe('UNAUTHENTICATED');
    const longer = await loginFrom(gw, src, 'owner@throttle.test', PASSWORD);
    expect(longer.errors![0].extensions!.retryAfterSeconds).toBe(2);
    // Refused attempts during a delay do not make it longer.
    for (let i = 0; i < 5; i++) await loginFrom(gw, src, 'owner@throttle.test', 'hammering-during-delay');
    await sleep(2050);
    expect(codeOf(await loginFrom(gw, src, 'owner@throttle.test', PASSWORD))).toBeUndefined();
    // A correct password starts the count over.
    expect(codeOf(await loginFrom(gw, src, 'owner@throttle.test', 'wrong-again-after-success'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await loginFrom(gw, src, 'owner@throttle.test', PASSWORD))).toBeUndefined();
  });

  test('one source address gets 20 failed attempts per 15 minutes across all accounts, then even a right password waits; other addresses do not', async () => {
    const src = '203.0.113.20';
    for (let i = 0; i < 20; i++) expect(codeOf(await loginFrom(gw, src, `nobody-${i}@throttle.test`, 'spraying-one-guess'))).toBe('UNAUTHENTICATED');
    const blocked = await loginFrom(gw, src, 'spray-target@throttle.test', PASSWORD);
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors![0].message).toMatch(/from your network address/);
    expect(blocked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(blocked.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(codeOf(await loginFrom(gw, '203.0.113.21', 'spray-target@throttle.test', PASSWORD))).toBeUndefined();
    // IPv6 clients count by their /64: hopping addresses inside it does not help.
    for (let i = 0; i < 20; i++) await loginFrom(gw, `2001:db8:1:2::${(i + 1).toString(16)}`, `v6-${i}@throttle.test`, 'spraying-one-guess');
    expect(codeOf(await loginFrom(gw, '2001:db8:1:2:ffff::1', 'spray-target@throttle.test', PASSWORD))).toBe('RATE_LIMITED');
    expect(codeOf(await loginFrom(gw, '2001:db8:1:3::1', 'spray-target@throttle.test', PASSWORD))).toBeUndefined();
  });

  test('failed sign-ins leave one audit record per source, account and 15 minutes, with the email cut short and never a password typed into it', async () => {
    for (let i = 0; i < 4; i++) await loginFrom(gw, '203.0.113.30', 'shared@throttle.test', `wrong-${i}-password`);
    await loginFrom(gw, '203.0.113.31', 'shared@throttle.test', 'wrong-from-elsewhere');
    await loginFrom(gw, '203.0.113.32', `${'x'.repeat(200)}@long.example.com`, 'whatever-password');
    await loginFrom(gw, '203.0.113.32', 'Hunter2-MySecret!', 'oops-wrong-field');
    const audit = await api.must('query { auditLog(filter: { action: "login.failed" }, first: 100) { edges { node { metadata targetId } } } }');
    const records = audit.auditLog.edges.map((e: any) => e.node.metadata).filter((m: any) => ['203.0.113.30', '203.0.113.31', '203.0.113.32'].includes(m.source));
    expect(records.filter((m: any) => m.email === 'shared@throttle.test').map((m: any) => m.source).sort()).toEqual(['203.0.113.30', '203.0.113.31']);
    const long = records.find((m: any) => m.email.startsWith('xxx'));
    expect(long.email).toHaveLength(64);
    expect(records.map((m: any) => m.email)).toContain('(not an email address)');
    expect(JSON.stringify(audit)).not.toMatch(/hunter2|mysecret/i);
    const stored = await gw.gateway.orm.em.fork().execute('select * from login_throttle');
    expect(JSON.stringify(stored)).not.toMatch(/hunter2|mysecret|shared@throttle/i);
  });
});

describe('on the socket address, over HTTP', () => {
  let gw: TestGateway;
  let http: ListeningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    http = await listen(gw);
    await adminApi(gw).createUser('direct@throttle.test', { password: PASSWORD });
  });
  afterAll(async () => {
    await http?.close();
    await gw?.close();
  });

  test('without ZERO_TRUST_PROXY an x-forwarded-for header changes nothing: every attempt counts for the socket address', async () => {
    const post = async (forwarded: string, email: string, password: string) => {
      const res = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded }, body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password } }) });
      return { status: res.status, ...(await res.json()) } as GraphQLResponse;
    };
    for (let i = 0; i < 20; i++) expect(codeOf(await post(`192.0.2.${i}`, `spoof-${i}@throttle.test`, 'spoofed-guess'))).toBe('UNAUTHENTICATED');
    const refused = await post('192.0.2.99', 'direct@throttle.test', PASSWORD);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    const audit = await adminApi(gw).must('{ auditLog(filter: { action: "login.failed" }, first: 5) { edges { node { metadata } } } }');
    expect(new Set(audit.auditLog.edges.map((e: any) => e.node.metadata.source))).toEqual(new Set(['127.0.0.1']));
  });
});

describe.skipIf(noSharedDatabase)('two gateway instances on one database', () => {
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    a = await startTestGateway({ trustProxyHops: 1 });
    b = await startSecondGateway(a, { trustProxyHops: 1 });
    await adminApi(a).createUser('target@throttle.test', { password: PASSWORD });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  test('share the counts: 40 parallel guesses from 40 addresses through both get 6 checked, and the delay holds on both', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom(i % 2 ? a : b, `198.51.100.${i + 1}`, 'target@throttle.test', `parallel-guess-${i}`)),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(6);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(34);
    for (const gw of [a, b]) expect(codeOf(await loginFrom(gw, '198.51.100.200', 'target@throttle.test', PASSWORD))).toBe('RATE_LIMITED');
    await sleep(1050);
    expect(codeOf(await loginFrom(b, '198.51.100.200', 'target@throttle.test', PASSWORD))).toBeUndefined();
  });
});
