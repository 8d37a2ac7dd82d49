import { describe, expect } from 'vitest';
import { schema } from '../server/schema.ts';
import { adminApi } from './fixtures/admin-api.ts';
import { codeOf, test, type TestGateway } from './fixtures/gateway.ts';

type Persona = 'anonymous' | 'member' | 'memberPlusOne' | 'admin';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'READ_ONLY';
const PERSONAS: Persona[] = ['anonymous', 'member', 'memberPlusOne', 'admin'];
const PASSWORD = 'member-password-123';

interface World {
  gw: TestGateway;
  tokens: Record<Persona, string | undefined>;
  ids: Record<'member' | 'memberPlusOne' | 'other' | 'memberRole' | 'auditorRole', string>;
  otherKeyId: string;
  api: ReturnType<typeof adminApi>;
}

interface Case {
  name: string;
  /** Root field this case exercises. */
  field: string;
  expect: [anonymous: Outcome, member: Outcome, memberPlusOne: Outcome, admin: Outcome];
  /** Builds the operation; may arrange fresh targets first, so every persona acts on an untouched one. */
  op: (w: World, persona: Persona) => Promise<{ query: string; variables?: Record<string, unknown>; token?: string }> | { query: string; variables?: Record<string, unknown>; token?: string };
}

const U = 'UNAUTHENTICATED', F = 'FORBIDDEN', OK = 'ok', NF = 'NOT_FOUND';
/** The matrix's gateway takes its providers from the config file: an admin gets past authorization to READ_ONLY. */
const RO = 'READ_ONLY';

const cases: Case[] = [
  { name: 'me', field: 'me', expect: [U, OK, OK, OK], op: () => ({ query: '{ me { id email roles { name } quota { dailyInputLimit } todayUsage { inputTokens } apiKeys { totalCount } } }' }) },
  { name: 'users', field: 'users', expect: [U, F, OK, OK], op: () => ({ query: '{ users(first: 5) { totalCount edges { node { email } } } }' }) },
  { name: 'user (someone else, with personal fields)', field: 'user', expect: [U, F, OK, OK], op: (w) => ({ query: 'query($id: ID!) { user(id: $id) { email roles { name } quota { dailyInputLimit } apiKeys { totalCount } } }', variables: { id: w.ids.other } }) },
  { name: 'user (yourself)', field: 'user', expect: [U, OK, OK, OK], op: (w, p) => ({ query: 'query($id: ID!) { user(id: $id) { email quota { dailyInputLimit } } }', variables: { id: p === 'admin' ? w.ids.other : w.ids[p === 'anonymous' ? 'member' : p] } }) },
  { name: 'roles', field: 'roles', expect: [U, F, OK, OK], op: () => ({ query: '{ roles { name permissions } }' }) },
  { name: 'role', field: 'role', expect: [U, F, OK, OK], op: (w) => ({ query: 'query($id: ID!) { role(id: $id) { name } }', variables: { id: w.ids.memberRole } }) },
  { name: 'permissions', field: 'permissions', expect: [U, OK, OK, OK], op: () => ({ query: '{ permissions { name group } }' }) },
  { name: "usage (someone else's)", field: 'usage', expect: [U, F, F, OK], op: (w) => ({ query: 'query($u: ID) { usage(filter: { userId: $u }, groupBy: [DAY]) { inputTokens } }', variables: { u: w.ids.other } }) },
  { name: 'usage (your own)', field: 'usage', expect: [U, OK, OK, OK], op: () => ({ query: '{ usage(groupBy: [MODEL]) { inputTokens requests } }' }) },
  { name: 'auditLog', field: 'auditLog', expect: [U, F, F, OK], op: () => ({ query: '{ auditLog(first: 5) { edges { node { action } } } }' }) },
  { name: 'auditVerify', field: 'auditVerify', expect: [U, F, F, OK], op: () => ({ query: '{ auditVerify { ok } }' }) },
  { name: 'auditRetention', field: 'auditRetention', expect: [U, F, F, OK], op: () => ({ query: '{ auditRetention { retentionDays checkpoints { firstKeptSeq } } }' }) },
  { name: 'executiveSummary', field: 'executiveSummary', expect: [U, F, F, OK], op: () => ({ query: '{ executiveSummary(range: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }) { requests topUsers { email } } }' }) },
  { name: 'executiveTrends', field: 'executiveTrends', expect: [U, F, F, OK], op: () => ({ query: '{ executiveTrends(range: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }, granularity: WEEK, by: ROLE) { bucket label requests } }' }) },
  { name: 'dlpPolicies', field: 'dlpPolicies', expect: [U, F, F, OK], op: () => ({ query: '{ dlpPolicies { detector action } }' }) },
  { name: 'dlpEvents', field: 'dlpEvents', expect: [U, F, F, OK], op: () => ({ query: '{ dlpEvents { totalCount } }' }) },
  { name: 'setDlpPolicy', field: 'setDlpPolicy', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($r: ID) { setDlpPolicy(roleId: $r, detector: EMAIL, action: LOG) { id } }', variables: { r: w.ids.auditorRole } }) },
  {
    name: 'clearDlpPolicy',
    field: 'clearDlpPolicy',
    expect: [U, F, F, OK],
    op: async (w) => {
      await w.api.must('mutation($r: ID) { setDlpPolicy(roleId: $r, detector: PHONE, action: ALLOW) { id } }', { r: w.ids.auditorRole });
      return { query: 'mutation($r: ID!) { clearDlpPolicy(roleId: $r, detector: PHONE) }', variables: { r: w.ids.auditorRole } };
    },
  },
  { name: 'prices', field: 'prices', expect: [U, OK, OK, OK], op: () => ({ query: '{ prices { model inputPerMillion currency } }' }) },
  { name: 'setPrice', field: 'setPrice', expect: [U, F, F, OK], op: () => ({ query: 'mutation { setPrice(model: "mock-small", inputPerMillion: 1, outputPerMillion: 2) { model } }' }) },
  { name: 'budgets', field: 'budgets', expect: [U, F, F, OK], op: () => ({ query: '{ budgets { id amount status { spent } } }' }) },
  { name: 'budgetStatus', field: 'budgetStatus', expect: [U, F, F, OK], op: async (w) => ({ query: 'query($id: ID!) { budgetStatus(id: $id) { spent percent } }', variables: { id: await orgBudget(w) } }) },
  { name: 'budgetAlerts', field: 'budgetAlerts', expect: [U, F, F, OK], op: () => ({ query: '{ budgetAlerts(first: 5) { totalCount edges { node { threshold } } } }' }) },
  {
    name: 'createBudget',
    field: 'createBudget',
    expect: [U, F, F, OK],
    op: async (w, p) => ({ query: 'mutation($u: ID) { createBudget(input: { scope: USER, userId: $u, amount: 10 }) { id } }', variables: { u: await w.api.createUser(`budget-${p}@matrix.test`) } }),
  },
  { name: 'updateBudget', field: 'updateBudget', expect: [U, F, F, OK], op: async (w) => ({ query: 'mutation($id: ID!) { updateBudget(id: $id, input: { amount: 500 }) { amount } }', variables: { id: await orgBudget(w) } }) },
  {
    name: 'deleteBudget',
    field: 'deleteBudget',
    expect: [U, F, F, OK],
    op: async (w, p) => {
      const user = await w.api.createUser(`doomed-budget-${p}@matrix.test`);
      const data = await w.api.must('mutation($u: ID) { createBudget(input: { scope: USER, userId: $u, amount: 1 }) { id } }', { u: user });
      return { query: 'mutation($id: ID!) { deleteBudget(id: $id) }', variables: { id: data.createBudget.id } };
    },
  },
  { name: 'login', field: 'login', expect: [OK, OK, OK, OK], op: (w) => ({ query: 'mutation($e: String!) { login(email: $e, password: "' + PASSWORD + '") { token } }', variables: { e: 'member@matrix.test' } }) },
  {
    name: 'logout',
    field: 'logout',
    expect: [U, OK, OK, OK],
    // Each persona logs out of a fresh session so the shared tokens stay valid.
    op: async (w, p) => ({
      query: 'mutation { logout }',
      token: p === 'anonymous' ? undefined : await w.gw.login(p === 'admin' ? undefined : p === 'member' ? 'member@matrix.test' : 'plus@matrix.test', p === 'admin' ? undefined : PASSWORD),
    }),
  },
  { name: 'createUser', field: 'createUser', expect: [U, F, F, OK], op: (_w, p) => ({ query: 'mutation($e: String!) { createUser(input: { email: $e, name: "New" }) { id } }', variables: { e: `new-${p}@matrix.test` } }) },
  { name: 'updateUser (someone else)', field: 'updateUser', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($id: ID!) { updateUser(id: $id, input: { name: "Renamed" }) { name } }', variables: { id: w.ids.other } }) },
  { name: 'updateUser (yourself)', field: 'updateUser', expect: [U, OK, OK, OK], op: (w, p) => ({ query: 'mutation($id: ID!) { updateUser(id: $id, input: { name: "Me Myself" }) { name } }', variables: { id: p === 'admin' ? w.ids.other : w.ids[p === 'anonymous' ? 'member' : p] } }) },
  { name: 'setUserStatus', field: 'setUserStatus', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($id: ID!) { setUserStatus(id: $id, status: ACTIVE) { status } }', variables: { id: w.ids.other } }) },
  { name: 'deleteUser', field: 'deleteUser', expect: [U, F, F, OK], op: async (w, p) => ({ query: 'mutation($id: ID!) { deleteUser(id: $id) }', variables: { id: await w.api.createUser(`doomed-${p}@matrix.test`) } }) },
  { name: 'createRole', field: 'createRole', expect: [U, F, F, OK], op: (_w, p) => ({ query: 'mutation($n: String!) { createRole(input: { name: $n, permissions: ["chat"] }) { id } }', variables: { n: `role-${p}` } }) },
  { name: 'updateRole', field: 'updateRole', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($id: ID!) { updateRole(id: $id, input: { description: "changed" }) { description } }', variables: { id: w.ids.auditorRole } }) },
  { name: 'deleteRole', field: 'deleteRole', expect: [U, F, F, OK], op: async (w, p) => ({ query: 'mutation($id: ID!) { deleteRole(id: $id) }', variables: { id: await w.api.createRole(`doomed-${p}`, []) } }) },
  { name: 'setUserRoles', field: 'setUserRoles', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($id: ID!, $r: [ID!]!) { setUserRoles(userId: $id, roleIds: $r) { roles { name } } }', variables: { id: w.ids.other, r: [w.ids.memberRole] } }) },
  { name: 'setQuota', field: 'setQuota', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($id: ID!) { setQuota(userId: $id, dailyInputLimit: 1000, dailyOutputLimit: 500) { dailyInputLimit } }', variables: { id: w.ids.other } }) },
  { name: 'rateLimits', field: 'rateLimits', expect: [U, F, OK, OK], op: () => ({ query: '{ rateLimits { scope targetId requestsPerMinute } }' }) },
  { name: 'setRateLimit', field: 'setRateLimit', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($id: ID!) { setRateLimit(scope: USER, targetId: $id, requestsPerMinute: 1000) { requestsPerMinute } }', variables: { id: w.ids.other } }) },
  {
    name: 'clearRateLimit',
    field: 'clearRateLimit',
    expect: [U, F, F, OK],
    op: async (w) => {
      await w.api.must('mutation($id: ID!) { setRateLimit(scope: ROLE, targetId: $id, tokensPerMinute: 1000000) { scope } }', { id: w.ids.auditorRole });
      return { query: 'mutation($id: ID!) { clearRateLimit(scope: ROLE, targetId: $id) }', variables: { id: w.ids.auditorRole } };
    },
  },
  { name: 'createApiKey (your own)', field: 'createApiKey', expect: [U, OK, OK, OK], op: () => ({ query: 'mutation { createApiKey(name: "mine") { secret } }' }) },
  { name: 'createApiKey (for someone else)', field: 'createApiKey', expect: [U, F, F, OK], op: (w) => ({ query: 'mutation($u: ID!) { createApiKey(userId: $u, name: "theirs") { secret } }', variables: { u: w.ids.other } }) },
  { name: 'models', field: 'models', expect: [U, OK, OK, OK], op: () => ({ query: '{ models { name primary { provider } } }' }) },
  { name: 'providers', field: 'providers', expect: [U, F, F, OK], op: () => ({ query: '{ providers { id circuit apiKeySet } }' }) },
  { name: 'providersSource', field: 'providersSource', expect: [U, F, F, OK], op: () => ({ query: '{ providersSource }' }) },
  { name: 'providerPlugins', field: 'providerPlugins', expect: [U, F, F, OK], op: () => ({ query: '{ providerPlugins { id features { tools } } }' }) },
  { name: 'testProvider', field: 'testProvider', expect: [U, F, F, OK], op: () => ({ query: 'mutation { testProvider(id: "mock") { ok models } }' }) },
  { name: 'createProvider', field: 'createProvider', expect: [U, F, F, RO], op: () => ({ query: 'mutation { createProvider(input: { id: "m2", plugin: "mock" }) { id } }' }) },
  { name: 'updateProvider', field: 'updateProvider', expect: [U, F, F, RO], op: () => ({ query: 'mutation { updateProvider(id: "mock", input: { enabled: true }) { id } }' }) },
  { name: 'deleteProvider', field: 'deleteProvider', expect: [U, F, F, RO], op: () => ({ query: 'mutation { deleteProvider(id: "mock") }' }) },
  { name: 'createModel', field: 'createModel', expect: [U, F, F, RO], op: () => ({ query: 'mutation { createModel(input: { name: "m2", primary: { provider: "mock", model: "x" } }) { name } }' }) },
  { name: 'updateModel', field: 'updateModel', expect: [U, F, F, RO], op: () => ({ query: 'mutation { updateModel(name: "mock-small", input: { fallbacks: [] }) { name } }' }) },
  { name: 'deleteModel', field: 'deleteModel', expect: [U, F, F, RO], op: () => ({ query: 'mutation { deleteModel(name: "mock-small") }' }) },
  { name: 'chat', field: 'chat', expect: [U, OK, OK, OK], op: () => ({ query: 'mutation { chat(input: { model: "mock-small", messages: [{ role: USER, content: "hi" }] }) { text } }' }) },
  { name: 'embed', field: 'embed', expect: [U, OK, OK, OK], op: () => ({ query: 'mutation { embed(input: { model: "mock-small", input: ["hi"] }) { inputTokens } }' }) },
  { name: 'revokeAllApiKeys (your own)', field: 'revokeAllApiKeys', expect: [U, OK, OK, OK], op: () => ({ query: 'mutation { revokeAllApiKeys }' }) },
  {
    name: "revokeAllApiKeys (someone else's)",
    field: 'revokeAllApiKeys',
    expect: [U, F, F, OK],
    op: async (w, p) => {
      const owner = await w.api.createUser(`keys-${p}@matrix.test`, { roleIds: [w.ids.memberRole] });
      await w.api.createApiKey(owner);
      return { query: 'mutation($u: ID!) { revokeAllApiKeys(userId: $u) }', variables: { u: owner } };
    },
  },
  { name: "revokeApiKey (someone else's)", field: 'revokeApiKey', expect: [U, NF, NF, OK], op: (w) => ({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', variables: { id: w.otherKeyId } }) },
];

/** The organisation's budget, created on first use. */
let orgBudgetId: string | undefined;
async function orgBudget(w: World): Promise<string> {
  orgBudgetId ??= (await w.api.must('mutation { createBudget(input: { scope: ORGANISATION, amount: 1000 }) { id } }')).createBudget.id as string;
  return orgBudgetId;
}

describe('authorization matrix: every root field for anonymous, member, member with users:read, admin', () => {
  let world: World;

  test('arrange', async ({ gw }) => {
    const api = adminApi(gw);
    const memberRole = await api.roleId('member');
    const auditorRole = await api.createRole('auditor', ['users:read']);
    const member = await api.createUser('member@matrix.test', { password: PASSWORD, roleIds: [memberRole] });
    const memberPlusOne = await api.createUser('plus@matrix.test', { password: PASSWORD, roleIds: [memberRole, auditorRole] });
    const other = await api.createUser('other@matrix.test', { roleIds: [memberRole] });
    const otherKey = await api.createApiKey(other);
    world = {
      gw,
      api,
      otherKeyId: otherKey.id,
      ids: { member, memberPlusOne, other, memberRole, auditorRole },
      tokens: {
        anonymous: undefined,
        member: await gw.login('member@matrix.test', PASSWORD),
        memberPlusOne: await gw.login('plus@matrix.test', PASSWORD),
        admin: gw.adminToken,
      },
    };
  });

  for (const c of cases) {
    test(c.name, async () => {
      for (const [i, persona] of PERSONAS.entries()) {
        const op = await c.op(world, persona);
        const token = 'token' in op ? op.token : world.tokens[persona];
        const result = await world.gw.gql(op.query, op.variables, token);
        const outcome = result.errors?.length ? codeOf(result) : 'ok';
        expect({ persona, outcome, errors: outcome === c.expect[i] ? undefined : result.errors }).toEqual({ persona, outcome: c.expect[i], errors: undefined });
        if (outcome !== 'ok') expect(result.data?.[c.field] ?? null).toBeNull();
      }
    });
  }

  test('every Query and Mutation field is in the matrix', () => {
    const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()));
    const covered = new Set(cases.map((c) => c.field));
    expect(rootFields.filter((f) => !covered.has(f))).toEqual([]);
  });
});
