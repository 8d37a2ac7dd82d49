import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf, parseSecretKey } from '../../server/modules/providers/secret-box.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);

describe('provider keys sealed at rest', () => {
  it('opens what it sealed, for the same provider only, and with the previous key during a rotation', () => {
    const old = createSecretBox(OLD);
    const sealed = old.seal('sk-abc', 'openai-eu');
    expect(sealed.ciphertext).not.toContain('sk-abc');
    expect(old.open(sealed.ciphertext, 'openai-eu')).toBe('sk-abc');
    expect(() => old.open(sealed.ciphertext, 'openai-us')).toThrow();
    const rotated = createSecretBox(NEW, OLD);
    expect(rotated.open(sealed.ciphertext, 'openai-eu')).toBe('sk-abc');
    expect(rotated.stale(sealed.keyId)).toBe(true);
    expect(() => createSecretBox(NEW).open(sealed.ciphertext, 'openai-eu')).toThrow(/neither/);
  });

  it('reads ZERO_SECRET_KEY as base64 or hex, 32 bytes only', () => {
    expect(parseSecretKey(NEW.toString('base64'))).toEqual(NEW);
    expect(parseSecretKey(NEW.toString('hex'))).toEqual(NEW);
    expect(parseSecretKey('too-short')).toBeUndefined();
  });
});

describe.skipIf(!process.env.DATABASE_URL)('rotating ZERO_SECRET_KEY (PostgreSQL)', () => {
  const gateways: TestGateway[] = [];
  afterAll(async () => {
    for (const gw of gateways.reverse()) await gw.close();
  });

  it('re-seals stored keys with the new key at start when the old one is given as previous', async () => {
    const fake = await startFakeOpenAI({ reply: 'rotated', apiKey: 'sk-rotate-me-0001' });
    try {
      const a = await startTestGateway({ providersFrom: 'database', secrets: { key: OLD } });
      gateways.push(a);
      await a.gql(`mutation($u: String!) { createProvider(input: { id: "up", plugin: "openai-compatible", baseUrl: $u, apiKey: "sk-rotate-me-0001" }) { id } }`, { u: fake.url }, a.adminToken);
      await a.gql(`mutation { createModel(input: { name: "rot", primary: { provider: "up", model: "fake-model-a" } }) { name } }`, {}, a.adminToken);
      const b = await startSecondGateway(a, { providersFrom: 'database', secrets: { key: NEW, previous: OLD } });
      gateways.push(b);
      const db = new pg.Pool({ connectionString: a.databaseUrl, max: 1 });
      const { rows } = await db.query(`select api_key_key_id from provider_instance where id = 'up'`);
      await db.end();
      expect(rows[0].api_key_key_id).toBe(keyIdOf(NEW));
      const chat = await b.gql('mutation { chat(input: { model: "rot", messages: [{ role: USER, content: "hi" }] }) { text } }', {}, b.adminToken);
      expect(chat.data?.chat.text).toBe('rotated');
    } finally {
      await fake.close();
    }
  });

  it('in production without ZERO_SECRET_KEY refuses to store a key, by field', async () => {
    const gw = await startTestGateway({ providersFrom: 'database', secrets: { production: true } });
    gateways.push(gw);
    const refused = await gw.gql('mutation { createProvider(input: { id: "p", plugin: "mock", apiKey: "sk-nope-1234" }) { id } }', {}, gw.adminToken);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'apiKey', reason: 'SECRET_KEY_MISSING' });
  });
});
