import { expect } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, test } from './fixtures/gateway.ts';

test('login returns the signed-in user with the token', async ({ gw }) => {
  const r = await gw.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id email name status } } }', { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
  expect(r.errors).toBeUndefined();
  expect(r.data.login.user).toMatchObject({ email: ADMIN_EMAIL, status: 'ACTIVE' });
});
