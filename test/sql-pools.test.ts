import { expect } from 'vitest';
import { test } from './fixtures/gateway.ts';

test('hot-path statements survive new and recycled pool connections (the embedded database shares one session)', async ({ gw }) => {
  const { durable, relaxed } = gw.gateway.app.sql;
  // pg writes into the config object it is given, so each call gets its own.
  const statement = () => ({ name: 'pool-probe', text: 'select $1::int + 1 as n', values: [1] });
  expect((await durable.query(statement())).rows[0].n).toBe(2);
  // Another pool, and a brand-new client of the first one, prepare the same name again.
  expect((await relaxed.query(statement())).rows[0].n).toBe(2);
  const fresh = await durable.connect();
  try {
    expect((await fresh.query(statement())).rows[0].n).toBe(2);
  } finally {
    fresh.release(true); // destroy it, as an idle timeout would
  }
  expect((await durable.query(statement())).rows[0].n).toBe(2);
  const chat = await gw.gql('mutation { chat(input: { model: "mock-small", messages: [{ role: USER, content: "still here" }] }) { text } }', {}, gw.adminToken);
  expect(chat.data.chat.text).toBe('You said: still here');
});
