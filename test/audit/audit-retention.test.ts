import { afterEach, expect, test } from 'vitest';
import { startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const VERIFY = '{ auditVerify { ok checkedRecords firstSeq lastSeq problem { kind seq recordId message } } }';
const CHAT = 'mutation { chat(input: { model: "mock-small", messages: [{ role: USER, content: "still counted" }] }) { auditId } }';
const DAY_MS = 86_400_000;

const gateways: TestGateway[] = [];
afterEach(async () => {
  // The second instance first: closing the first drops the database.
  for (const g of gateways.reverse()) await g.close();
  gateways.length = 0;
});

const sql = (g: TestGateway, text: string, values: unknown[] = []) => g.gateway.app.sql.durable.query(text, values);
const verify = async (g: TestGateway) => (await g.gql(VERIFY, {}, g.adminToken)).data.auditVerify;
const monthStart = (back: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
};

/** Months of chats before the gateway's own records, as if it had been running since. */
const HISTORY = [
  { back: 8, records: 5 }, // no partition for this month: its rows land in the default partition
  { back: 6, records: 10 },
  { back: 5, records: 10 },
  { back: 4, records: 10 },
  { back: 3, records: 10 },
  { back: 2, records: 10 },
];
// Cut five days into the month three back: the months before it go, that month stays whole.
const RETENTION = { now: new Date(monthStart(3).getTime() + 5 * DAY_MS + 99 * DAY_MS), retentionDays: 99 };
const EXPIRED = 5 + 10 + 10 + 10;

async function gatewayWithOldHistory(): Promise<TestGateway> {
  const g = await startTestGateway();
  gateways.push(g);
  // Let the start-up retention pass finish before rewriting history under it.
  await g.gateway.app.auditRetention.runNow();
  let id = -100_000;
  for (const { back, records } of HISTORY) {
    if (back !== 8) await sql(g, 'select audit_partition_ensure($1)', [monthStart(back)]);
    for (let i = 0; i < records; i++) {
      await sql(
        g,
        `insert into audit_record (id, at, action, target_type, target_id, model, provider, input_tokens, output_tokens, latency_ms, metadata)
         values ($1, $2, 'chat', 'model', 'mock-small', 'mock-small', 'mock', 10, 20, 100, '{"outcome":"ok"}')`,
        [id++, new Date(monthStart(back).getTime() + i * 3_600_000)],
      );
    }
  }
  // Re-chain everything in id order (history first), and roll it up afresh, in one transaction.
  await sql(
    g,
    `begin;
     select pg_advisory_xact_lock(hashtext('zero_audit_chain')), pg_advisory_xact_lock(hashtext('zero_chat_rollup'));
     update audit_record set seq = null, prev_hash = null, hash = null;
     update audit_chain_head set last_seq = 0, last_hash = repeat('0', 64);
     truncate chat_rollup_hourly, chat_latency_hourly, chat_rollup_user_daily;
     update chat_rollup_state set last_seq = 0;
     commit;`,
  );
  await g.gateway.app.chatRollup.rollupNow();
  expect(await verify(g)).toMatchObject({ ok: true, firstSeq: '1' });
  return g;
}

const partitioned = async (g: TestGateway) =>
  (await sql(g, "select relkind = 'p' as p from pg_class where oid = 'audit_record'::regclass")).rows[0].p as boolean;
const partitions = async (g: TestGateway) =>
  (await sql(g, "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'audit_record'::regclass order by 1")).rows.map(
    (r) => r.relname as string,
  );
const partitionName = (back: number) => `audit_record_p${monthStart(back).toISOString().slice(0, 7).replace('-', '')}`;
const chatsRolledUp = async (g: TestGateway) => Number((await sql(g, 'select coalesce(sum(requests), 0) as n from chat_rollup_hourly')).rows[0].n);

test('retention drops the expired months, checkpoints the cut, and the kept trail still verifies', async () => {
  const g = await gatewayWithOldHistory();
  if (process.env.DATABASE_URL) expect(await partitioned(g)).toBe(true);
  const isPartitioned = await partitioned(g);
  const before = Number((await sql(g, 'select count(*) as n from audit_record')).rows[0].n);
  const rolledUp = await chatsRolledUp(g);
  const cut = (await sql(g, 'select seq, prev_hash from audit_record where at >= $1 order by seq limit 1', [monthStart(3)])).rows[0];

  const pass = await g.gateway.app.auditRetention.runNow(RETENTION);
  expect(pass).toMatchObject({ droppedRecords: EXPIRED, firstKeptSeq: String(cut.seq) });
  if (isPartitioned) {
    expect(pass!.droppedPartitions).toEqual([partitionName(6), partitionName(5), partitionName(4)]);
    const left = await partitions(g);
    for (const back of [6, 5, 4]) expect(left).not.toContain(partitionName(back));
    for (const back of [3, 2, 0, -1, -2]) expect(left).toContain(partitionName(back));
    expect(left).toContain('audit_record_default');
    const gone = await sql(g, 'select count(*) as n from pg_class where relname = any($1)', [[6, 5, 4].map(partitionName)]);
    expect(Number(gone.rows[0].n)).toBe(0);
  }
  // Everything before the cut is gone, the month it falls in is kept whole, plus the retention record itself.
  const after = await sql(g, 'select count(*) as n, min(at) as oldest, min(seq) as lo from audit_record');
  expect(Number(after.rows[0].n)).toBe(before - EXPIRED + 1);
  expect(new Date(after.rows[0].oldest)).toEqual(monthStart(3));
  expect(String(after.rows[0].lo)).toBe(String(cut.seq));

  const checkpoints = await sql(g, 'select * from audit_checkpoint');
  expect(checkpoints.rows).toHaveLength(1);
  expect(checkpoints.rows[0]).toMatchObject({ first_kept_seq: String(cut.seq), prev_hash: cut.prev_hash, dropped_records: String(EXPIRED) });
  expect(new Date(checkpoints.rows[0].dropped_through)).toEqual(new Date(monthStart(4).getTime() + 9 * 3_600_000));

  await g.gateway.app.auditSealer.sealNow();
  const retentionRecord = await sql(g, "select user_id, metadata from audit_record where action = 'audit.retention'");
  expect(retentionRecord.rows).toEqual([{ user_id: null, metadata: expect.objectContaining({ droppedRecords: EXPIRED, firstKeptSeq: Number(cut.seq) }) }]);
  const result = await verify(g);
  expect(result).toMatchObject({ ok: true, problem: null, firstSeq: String(cut.seq), checkedRecords: before - EXPIRED + 1 });

  // The executive rollups keep what was expired, and keep folding in new chats.
  expect(await chatsRolledUp(g)).toBe(rolledUp);
  await g.gql(CHAT, {}, g.adminToken);
  await g.gateway.app.chatRollup.rollupNow();
  expect(await chatsRolledUp(g)).toBe(rolledUp + 1);

  const described = await g.gql('{ auditRetention { retentionDays oldestRecordAt checkpoints { firstKeptSeq prevHash droppedRecords } } }', {}, g.adminToken);
  expect(described.data.auditRetention).toEqual({
    retentionDays: 1825,
    oldestRecordAt: monthStart(3).toISOString(),
    checkpoints: [{ firstKeptSeq: String(cut.seq), prevHash: cut.prev_hash, droppedRecords: EXPIRED }],
  });

  // Nothing more is due: a second pass changes nothing.
  expect(await g.gateway.app.auditRetention.runNow(RETENTION)).toMatchObject({ droppedRecords: 0 });
  expect((await sql(g, 'select count(*) as n from audit_checkpoint')).rows[0].n).toBe('1');
});

test('tampering with the kept trail is still caught after retention', async () => {
  const g = await gatewayWithOldHistory();
  await g.gateway.app.auditRetention.runNow(RETENTION);
  const { rows } = await sql(g, 'select id, seq from audit_record order by seq limit 3');
  const [first, , third] = rows;

  await sql(g, 'update audit_record set output_tokens = output_tokens + 1 where id = $1', [third.id]);
  expect((await verify(g)).problem).toMatchObject({ kind: 'ALTERED', seq: String(third.seq) });
  await sql(g, 'update audit_record set output_tokens = output_tokens - 1 where id = $1', [third.id]);
  expect((await verify(g)).ok).toBe(true);

  await sql(g, "update audit_checkpoint set prev_hash = repeat('f', 64)");
  expect((await verify(g)).problem).toMatchObject({ kind: 'ALTERED', seq: String(first.seq) });
  await sql(g, 'update audit_checkpoint set prev_hash = (select prev_hash from audit_record where id = $1)', [first.id]);

  // Deleting the first kept record is a gap, not a second retention.
  await sql(g, 'delete from audit_record where id = $1', [first.id]);
  expect((await verify(g)).problem).toMatchObject({ kind: 'MISSING', seq: String(first.seq) });
});

test.runIf(process.env.DATABASE_URL)('two instances applying retention at once drop each month once', async () => {
  const g = await gatewayWithOldHistory();
  const second = await startSecondGateway(g);
  gateways.push(second);
  const before = Number((await sql(g, 'select count(*) as n from audit_record')).rows[0].n);

  const passes = await Promise.all([g, second, g, second].map((x) => x.gateway.app.auditRetention.runNow(RETENTION)));
  const dropped = passes.reduce((sum, p) => sum + (p?.droppedRecords ?? 0), 0);
  expect(dropped).toBe(EXPIRED);
  expect((await sql(g, 'select count(*) as n from audit_checkpoint')).rows[0].n).toBe('1');
  expect(await partitions(g)).not.toContain(partitionName(4));
  await g.gateway.app.auditSealer.sealNow();
  expect(Number((await sql(g, 'select count(*) as n from audit_record')).rows[0].n)).toBe(before - EXPIRED + 1);
  expect(await verify(second)).toMatchObject({ ok: true, problem: null });
});
