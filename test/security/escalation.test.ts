import { describe, expect } from 'vitest';
import { PERMISSION_NAMES, type Permission } from '../../server/modules/roles/permissions.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, codeOf, test, type GraphQLResponse, type TestGateway } from '../fixtures/gateway.ts';

// Every permission on its own, and the pairs that together reach users, keys and roles.
const PAIRS: Permission[][] = [
  ['quotas:write', 'users:read'],
  ['users:write', 'apikeys:write'],
  ['users:write', 'roles:write'],
  ['users:write', 'users:read'],
  ['users:write', 'quotas:write'],
  ['apikeys:write', 'users:read'],
  ['apikeys:write', 'roles:write'],
  ['roles:write', 'users:read'],
];
const PERSONAS: Permission[][] = [...PERMISSION_NAMES.map((p) => [p]), ...PAIRS];
const PASSWORD = 'escalation-suite-passphrase';
const STRONG = { email: 'strong@escalation.test', password: 'strong-user-passphrase' };

interface Target {
  label: 'stronger user' | 'last admin';
  id: string;
  email: string;
  password: string;
  keyId: string;
}

interface World {
  gw: TestGateway;
  api: ReturnType<typeof adminApi>;
  adminRole: string;
  memberRole: string;
  strongRole: string;
  targets: Target[];
}

interface Persona {
  id: string;
  permissions: Permission[];
  roleId: string;
  session: string;
  key: string;
}

type Attack = {
  name: string;
  /** Allowed for holders of all these permissions (then it must succeed and still change nothing that matters). */
  allowedWith?: Permission[];
  run: (w: World, p: Persona, t: Target, token: string) => Promise<GraphQLResponse | RestResult>;
};

interface RestResult {
  status: number;
  body: any;
}

const rest = async (gw: TestGateway, method: string, path: string, token: string, body?: unknown): Promise<RestResult> => {
  const res = await gw.gateway.yoga.fetch(`http://gateway${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

const ATTACKS: Attack[] = [
  { name: 'rename', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { updateUser(id: $id, input: { name: "Owned" }) { id } }', { id: t.id }, token) },
  { name: 'change email', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { updateUser(id: $id, input: { email: "attacker@evil.test" }) { id } }', { id: t.id }, token) },
  { name: 'reset password', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { updateUser(id: $id, input: { password: "attacker-chosen-passphrase" }) { id } }', { id: t.id }, token) },
  { name: 'suspend', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }', { id: t.id }, token) },
  { name: 'disable', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { setUserStatus(id: $id, status: DISABLED) { id } }', { id: t.id }, token) },
  { name: 'delete', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id: t.id }, token) },
  { name: 'replace roles with member', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!, $r: [ID!]!) { setUserRoles(userId: $id, roleIds: $r) { id } }', { id: t.id, r: [w.memberRole] }, token) },
  { name: 'remove every role', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { setUserRoles(userId: $id, roleIds: []) { id } }', { id: t.id }, token) },
  { name: 'mint a key for them', run: (w, _p, t, token) => w.gw.gql('mutation($u: ID!) { createApiKey(userId: $u, name: "backdoor") { secret } }', { u: t.id }, token) },
  { name: 'revoke their key', run: (w, _p, t, token) => w.gw.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: t.keyId }, token) },
  { name: 'revoke all their keys', run: (w, _p, t, token) => w.gw.gql('mutation($u: ID!) { revokeAllApiKeys(userId: $u) }', { u: t.id }, token) },
  {
    name: 'set their quota',
    allowedWith: ['quotas:write'],
    run: (w, _p, t, token) => w.gw.gql('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 0, dailyOutputLimit: 0) { dailyInputLimit } }', { u: t.id }, token),
  },
  { name: 'REST: set their quota', allowedWith: ['quotas:write', 'users:read'], run: (w, _p, t, token) => rest(w.gw, 'PUT', `/api/v1/metering/users/${t.id}`, token, { daily_input_limit: 0, daily_output_limit: 0 }) },
  { name: 'REST: read them', allowedWith: ['users:read'], run: (w, _p, t, token) => rest(w.gw, 'GET', `/api/v1/metering/users/${t.id}`, token) },
  // Self-escalation, and escalation through roles the target holds.
  { name: 'take the admin role', run: (w, p, _t, token) => w.gw.gql('mutation($id: ID!, $r: [ID!]!) { setUserRoles(userId: $id, roleIds: $r) { id } }', { id: p.id, r: [w.adminRole] }, token) },
  { name: "take the stronger user's role", run: (w, p, _t, token) => w.gw.gql('mutation($id: ID!, $r: [ID!]!) { setUserRoles(userId: $id, roleIds: $r) { id } }', { id: p.id, r: [w.strongRole] }, token) },
  { name: 'widen own role', run: (w, p, _t, token) => w.gw.gql('mutation($id: ID!, $ps: [String!]!) { updateRole(id: $id, input: { permissions: $ps }) { id } }', { id: p.roleId, ps: [...PERMISSION_NAMES] }, token) },
  { name: 'create an all-powerful role', run: (w, p, _t, token) => w.gw.gql('mutation($n: String!, $ps: [String!]!) { createRole(input: { name: $n, permissions: $ps }) { id } }', { n: `grab-${p.id.slice(0, 8)}`, ps: [...PERMISSION_NAMES] }, token) },
  { name: "narrow the stronger user's role", run: (w, p, _t, token) => w.gw.gql('mutation($id: ID!, $ps: [String!]!) { updateRole(id: $id, input: { permissions: $ps }) { id } }', { id: w.strongRole, ps: p.permissions }, token) },
  { name: "delete the stronger user's role", run: (w, _p, _t, token) => w.gw.gql('mutation($id: ID!) { deleteRole(id: $id) }', { id: w.strongRole }, token) },
  { name: 'create an admin', run: (w, p, _t, token) => w.gw.gql('mutation($e: String!, $r: [ID!]!) { createUser(input: { email: $e, name: "Sleeper", password: "sleeper-agent-passphrase", roleIds: $r }) { id } }', { e: `sleeper-${p.id.slice(0, 8)}@evil.test`, r: [w.adminRole] }, token) },
];

const succeeded = (result: GraphQLResponse | RestResult) => ('body' in result ? result.status < 300 : !result.errors?.length);

async function permissionsOf(w: World, userId: string): Promise<string[]> {
  const data = await w.api.must('query($id: ID!) { user(id: $id) { roles { permissions } } }', { id: userId });
  return [...new Set<string>(data.user.roles.flatMap((r: { permissions: string[] }) => r.permissions))].sort();
}

/** What must not change for a target, whatever was tried: still there, active, same roles and email, same keys, same password. */
async function snapshot(w: World, t: Target) {
  const data = await w.api.must('query($id: ID!) { user(id: $id) { email status roles { name permissions } apiKeys { edges { node { id active } } } } }', { id: t.id });
  return data.user;
}

describe('escalation: a holder of each permission, and of each pair that matters, against a stronger user and the last admin', () => {
  let world: World;
  const before = new Map<string, unknown>();

  test('arrange: the only admin, a stronger user holding every permission through a custom role', async ({ gw }) => {
    const api = adminApi(gw);
    const strongRole = await api.createRole('almost-admin', [...PERMISSION_NAMES]);
    const strongId = await api.createUser(STRONG.email, { password: STRONG.password, roleIds: [strongRole] });
    const adminId = (await gw.gql('{ me { id } }', {}, gw.adminToken)).data.me.id;
    const targets: Target[] = [
      { label: 'stronger user', id: strongId, email: STRONG.email, password: STRONG.password, keyId: (await api.createApiKey(strongId)).id },
      { label: 'last admin', id: adminId, email: ADMIN_EMAIL, password: ADMIN_PASSWORD, keyId: (await api.createApiKey(adminId)).id },
    ];
    world = { gw, api, adminRole: await api.roleId('admin'), memberRole: await api.roleId('member'), strongRole, targets };
    for (const t of targets) before.set(t.id, await snapshot(world, t));
  });

  for (const permissions of PERSONAS) {
    test(`holder of ${permissions.join(' + ')}`, async () => {
      const w = world;
      const slug = permissions.join('-').replace(/:/g, '_');
      const roleId = await w.api.createRole(`p-${slug}`, permissions);
      const id = await w.api.createUser(`${slug}@escalation.test`, { password: PASSWORD, roleIds: [roleId] });
      const session = await w.gw.login(`${slug}@escalation.test`, PASSWORD);
      const key = (await w.gw.gql('mutation { createApiKey(name: "own") { secret } }', {}, session)).data.createApiKey.secret as string;
      const persona: Persona = { id, permissions, roleId, session, key };

      const outcomes: string[] = [];
      for (const target of w.targets) {
        for (const attack of ATTACKS) {
          // Every attack with both kinds of credentials: the console session and an API key.
          for (const [via, token] of [['session', session], ['key', key]] as const) {
            const result = await attack.run(w, persona, target, token);
            const allowed = attack.allowedWith !== undefined && attack.allowedWith.every((p) => permissions.includes(p));
            if (succeeded(result) !== allowed) {
              outcomes.push(`${attack.name} on ${target.label} via ${via}: ${succeeded(result) ? 'SUCCEEDED' : `refused (${JSON.stringify('body' in result ? result.body : result.errors)})`}`);
            }
            if (!('body' in result) && result.errors?.length) expect(result.data?.[Object.keys(result.data ?? {})[0]] ?? null).toBeNull();
          }
        }
      }
      expect(outcomes).toEqual([]);

      // Nobody gained a permission, a credential or control of a stronger account.
      expect(await permissionsOf(w, id)).toEqual([...permissions].sort());
      for (const target of w.targets) {
        expect(await snapshot(w, target)).toEqual(before.get(target.id));
        expect(codeOf(await w.gw.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: target.email, p: target.password }))).toBeUndefined();
      }
      const admins = await w.api.must('{ users(status: ACTIVE, first: 100) { edges { node { email roles { name } } } } }');
      expect(admins.users.edges.filter((e: any) => e.node.roles.some((r: any) => r.name === 'admin')).map((e: any) => e.node.email)).toEqual([ADMIN_EMAIL]);
    });
  }

  test('a user holding every permission (but not the admin role) still cannot suspend, disable, delete or demote the last active admin', async () => {
    const w = world;
    const strong = await w.gw.login(STRONG.email, STRONG.password);
    const admin = w.targets[1];
    const tries = [
      await w.gw.gql('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }', { id: admin.id }, strong),
      await w.gw.gql('mutation($id: ID!) { setUserStatus(id: $id, status: DISABLED) { id } }', { id: admin.id }, strong),
      await w.gw.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id: admin.id }, strong),
      await w.gw.gql('mutation($id: ID!, $r: [ID!]!) { setUserRoles(userId: $id, roleIds: $r) { id } }', { id: admin.id, r: [w.strongRole] }, strong),
    ];
    expect(tries.map(codeOf)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(tries[0].errors![0].message).toMatch(/last active admin/);
    expect(await snapshot(w, admin)).toEqual(before.get(admin.id));
  });

  test('with two admins, one may be suspended; then the other is the last and is kept', async () => {
    const w = world;
    const second = await w.api.createUser('second-admin@escalation.test', { password: 'second-admin-passphrase', roleIds: [w.adminRole] });
    const secondToken = await w.gw.login('second-admin@escalation.test', 'second-admin-passphrase');
    // Both try to suspend each other at the same moment: exactly one succeeds.
    const [a, b] = await Promise.all([
      w.gw.gql('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }', { id: second }, w.gw.adminToken),
      w.gw.gql('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }', { id: w.targets[1].id }, secondToken),
    ]);
    const codes = [codeOf(a), codeOf(b)];
    expect(codes.filter((c) => c === undefined)).toHaveLength(1);
    // The loser is refused: either as the last admin, or because its own account was suspended first.
    expect(codes.filter((c) => c === 'CONFLICT' || c === 'FORBIDDEN')).toHaveLength(1);
    const survivor = codeOf(a) === undefined ? w.gw.adminToken : secondToken;
    const active = await w.gw.gql('{ users(status: ACTIVE, first: 100) { edges { node { id roles { name } } } } }', {}, survivor);
    expect(active.data.users.edges.filter((e: any) => e.node.roles.some((r: any) => r.name === 'admin'))).toHaveLength(1);
  });
});
