import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { test } from '../fixtures/gateway.ts';

const get = (gw: any, path: string, token?: string) =>
  gw.gateway.yoga.fetch(`http://gateway${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }) as Promise<Response>;

test('auditors download the trail as JSON Lines and CSV, with the verification result', async ({ gw }) => {
  const api = adminApi(gw);
  for (let i = 0; i < 3; i++) await api.createUser(`x${i}@export.test`, { name: `Name, "quoted" ${i}` });
  await gw.gql('mutation { chat(input: { model: "mock-small", messages: [{ role: USER, content: "export me" }] }) { text } }', {}, gw.adminToken);

  const jsonl = await get(gw, '/api/v1/audit/export?format=jsonl', gw.adminToken);
  expect(jsonl.status).toBe(200);
  expect(jsonl.headers.get('x-audit-verification')).toBe('ok');
  expect(jsonl.headers.get('content-disposition')).toMatch(/attachment; filename="zero-audit-.*\.jsonl"/);
  const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l));
  expect(lines[0].verification).toMatchObject({ ok: true });
  const records = lines.slice(1);
  expect(records.length).toBe(lines[0].verification.checkedRecords);
  expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
  expect(records.find((r) => r.action === 'chat')).toMatchObject({ model: 'mock-small', provider: 'mock' });
  expect(records[1].prev_hash).toBe(records[0].hash);

  const csv = await get(gw, '/api/v1/audit/export?format=csv&action=user.create', gw.adminToken);
  const text = await csv.text();
  const [verification, header, ...rows] = text.trim().split('\n');
  expect(verification).toBe('# verification: ok');
  expect(header.split(',')).toContain('hash');
  expect(rows.length).toBe(4); // the bootstrap admin and three users
  expect(text).toContain('\\""quoted\\""');
});

test('the export says when the chain is broken', async ({ gw }) => {
  await gw.gateway.app.auditSealer.sealNow();
  await gw.gateway.app.sql.durable.query("update audit_record set action = 'tampered' where seq = 2");
  const res = await get(gw, '/api/v1/audit/export?format=csv', gw.adminToken);
  expect(res.headers.get('x-audit-verification')).toMatch(/^broken; kind=ALTERED; seq=2/);
  expect((await res.text()).split('\n')[0]).toMatch(/^# verification: BROKEN record \d+ at chain position 2/);
});

test('export needs audit:read and refuses bad input with a typed error', async ({ gw }) => {
  const anonymous = await get(gw, '/api/v1/audit/export');
  expect(anonymous.status).toBe(401);
  expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');
  const api = adminApi(gw);
  const member = await api.createUser('member@export.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(member);
  const refused = await get(gw, '/api/v1/audit/export', key.secret);
  expect(refused.status).toBe(403);
  expect((await refused.json()).error.code).toBe('FORBIDDEN');
  const bad = await get(gw, '/api/v1/audit/export?format=xml', gw.adminToken);
  expect(bad.status).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
  const badDate = await get(gw, '/api/v1/audit/export?from=yesterday', gw.adminToken);
  expect((await badDate.json()).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  expect((await get(gw, '/api/v1/nothing', gw.adminToken)).status).toBe(404);
});
