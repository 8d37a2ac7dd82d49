import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

// The config file seeds the database with what it lacks at every start. What an admin deleted in
// the console must stay deleted, though the file still lists it, until the console creates it again.

const modelNames = async (gw: TestGateway) => ((await gw.gql('{ models { name } }', {}, gw.adminToken)).data.models as { name: string }[]).map((m) => m.name);
const providerIds = async (gw: TestGateway) => ((await gw.gql('{ providers { id } }', {}, gw.adminToken)).data.providers as { id: string }[]).map((p) => p.id);

describe.skipIf(!process.env.DATABASE_URL)('config entries deleted in the console', () => {
  let first: TestGateway;
  const restarted: TestGateway[] = [];
  /** A gateway starting on the same database with the same config file: it seeds what the database lacks. */
  const restart = async () => {
    const gw = await startSecondGateway(first, { providersFrom: 'database' });
    restarted.push(gw);
    return gw;
  };

  beforeAll(async () => {
    first = await startTestGateway({ providersFrom: 'database' });
  });
  afterAll(async () => {
    for (const gw of restarted) await gw.close();
    await first?.close();
  });

  it('a deleted model is not seeded back at the next start; created again in the console, it is an ordinary entry', async () => {
    expect(await modelNames(first)).toEqual(['mock-small', 'mock-large']);
    const deleted = await first.gql('mutation { deleteModel(name: "mock-large") }', {}, first.adminToken);
    expect(deleted.errors).toBeUndefined();
    const second = await restart();
    expect(await modelNames(second)).toEqual(['mock-small']);

    const created = await second.gql('mutation { createModel(input: { name: "mock-large", primary: { provider: "mock", model: "mock-large" } }) { name } }', {}, second.adminToken);
    expect(created.errors).toBeUndefined();
    expect(await modelNames(await restart())).toEqual(['mock-small', 'mock-large']);
  });

  it('a deleted provider and its models stay deleted across starts', async () => {
    for (const name of ['mock-small', 'mock-large']) expect((await first.gql(`mutation { deleteModel(name: "${name}") }`, {}, first.adminToken)).errors).toBeUndefined();
    expect((await first.gql('mutation { deleteProvider(id: "mock") }', {}, first.adminToken)).errors).toBeUndefined();
    const next = await restart();
    expect(await providerIds(next)).toEqual([]);
    expect(await modelNames(next)).toEqual([]);
  });
});
