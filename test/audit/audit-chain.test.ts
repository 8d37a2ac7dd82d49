import { afterEach, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const VERIFY = '{ auditVerify { ok checkedRecords firstSeq lastSeq problem { kind seq recordId message } } }';
const CHAT = 'mutation($c: String!) { chat(input: { model: "mock-small", messages: [{ role: USER, content: $c }] }) { auditId } }';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** A gateway with a mix of admin actions and chats in its audit trail. */
async function gatewayWithHistory(): Promise<TestGateway> {
  gw = await startTestGateway();
  const api = adminApi(gw);
  for (let i = 0; i < 5; i++) await api.createUser(`u${i}@chain.test`);
  await Promise.all(Array.from({ length: 20 }, (_, i) => gw!.gql(CHAT, { c: `question ${i}` }, gw!.adminToken)));
  await api.createRole('chain-role', ['chat']);
  // Seal now rather than waiting for the background sealer, so tampering hits sealed records.
  await gw.gateway.app.auditSealer.sealNow();
  return gw;
}

const sql = (g: TestGateway, text: string, values: unknown[] = []) => g.gateway.app.sql.durable.query(text, values);
const verify = async (g: TestGateway) => (await g.gql(VERIFY, {}, g.adminToken)).data.auditVerify;

test('an untouched trail verifies, with contiguous chain positions under concurrent writers', async () => {
  const g = await gatewayWithHistory();
  const { rows } = await sql(g, 'select count(*)::int as n, min(seq)::int as lo, max(seq)::int as hi from audit_record');
  const result = await verify(g);
  expect(result).toMatchObject({ ok: true, problem: null, checkedRecords: rows[0].n, firstSeq: '1', lastSeq: String(rows[0].n) });
  expect(rows[0].hi - rows[0].lo + 1).toBe(rows[0].n);
  const records = await g.gql('{ auditLog(first: 2) { edges { node { seq prevHash hash } } } }', {}, g.adminToken);
  const [newest, before] = records.data.auditLog.edges.map((e: any) => e.node);
  expect(newest.prevHash).toBe(before.hash);
  expect(newest.hash).toMatch(/^[0-9a-f]{64}$/);
});

test('editing a record with plain SQL is caught at that record', async () => {
  const g = await gatewayWithHistory();
  const { rows } = await sql(g, "select id, seq from audit_record where action = 'chat' order by seq limit 1 offset 3");
  await sql(g, `update audit_record set output_tokens = output_tokens + 1 where id = $1`, [rows[0].id]);
  const result = await verify(g);
  expect(result.ok).toBe(false);
  expect(result.problem).toMatchObject({ kind: 'ALTERED', recordId: String(rows[0].id), seq: String(rows[0].seq) });
});

test('deleting a record is caught as missing positions', async () => {
  const g = await gatewayWithHistory();
  const { rows } = await sql(g, 'select id, seq from audit_record order by seq limit 1 offset 10');
  await sql(g, 'delete from audit_record where id = $1', [rows[0].id]);
  const result = await verify(g);
  expect(result.problem).toMatchObject({ kind: 'MISSING', seq: String(Number(rows[0].seq) + 1) });
  expect(result.problem.message).toContain(`positions ${rows[0].seq} to ${rows[0].seq}`);
});

test('swapping two records is caught', async () => {
  const g = await gatewayWithHistory();
  const { rows } = await sql(g, 'select id, seq from audit_record order by seq limit 2 offset 7');
  const [a, b] = rows;
  // Swap their chain positions (and with them their order), keeping each record's own content and hashes.
  await sql(g, 'update audit_record set seq = -1 where id = $1', [a.id]);
  await sql(g, 'update audit_record set seq = $1 where id = $2', [a.seq, b.id]);
  await sql(g, 'update audit_record set seq = $1 where id = $2', [b.seq, a.id]);
  const result = await verify(g);
  expect(result.ok).toBe(false);
  expect(['ALTERED', 'REORDERED']).toContain(result.problem.kind);
  expect(result.problem.seq).toBe(String(a.seq));
});

test('deleting the newest records is caught against the chain head', async () => {
  const g = await gatewayWithHistory();
  await sql(g, 'delete from audit_record where seq = (select max(seq) from audit_record)');
  expect((await verify(g)).problem).toMatchObject({ kind: 'TRUNCATED' });
});

test('a time range verifies its records and their link to the record before', async () => {
  const g = await gatewayWithHistory();
  const { rows } = await sql(g, 'select at from audit_record order by seq limit 1 offset 12');
  const from = new Date(rows[0].at).toISOString();
  const ranged = await g.gql('query($f: DateTime) { auditVerify(from: $f) { ok checkedRecords firstSeq } }', { f: from }, g.adminToken);
  expect(ranged.data.auditVerify.ok).toBe(true);
  expect(Number(ranged.data.auditVerify.firstSeq)).toBeGreaterThan(1);
  const before = await sql(g, 'select id from audit_record where seq = $1', [Number(ranged.data.auditVerify.firstSeq) - 1]);
  await sql(g, 'delete from audit_record where id = $1', [before.rows[0].id]);
  const broken = await g.gql('query($f: DateTime) { auditVerify(from: $f) { ok problem { kind } } }', { f: from }, g.adminToken);
  expect(broken.data.auditVerify).toEqual({ ok: false, problem: { kind: 'MISSING' } });
});
