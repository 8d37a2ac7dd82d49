import type { Gateway } from './console-harness.ts';

/** What the permission and walk-through tests need on a gateway: people with roles, chats and DLP hits. */
export interface Seeded {
  adminToken: string;
  auditor: { id: string; email: string; password: string; name: string };
  member: { id: string; email: string; password: string; name: string };
  memberKey: string;
}

const must = async (gateway: Gateway, query: string, variables: object, token: string) => {
  const result = await gateway.gql(query, variables, token);
  if (result.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(result.errors)}`);
  return result.data;
};

export async function seedPeople(gateway: Gateway): Promise<Seeded> {
  const adminToken = await gateway.login(gateway.admin.email, gateway.admin.password);
  const roles = (await must(gateway, '{ roles { id name } }', {}, adminToken)).roles as { id: string; name: string }[];
  const memberRole = roles.find((r) => r.name === 'member')!.id;
  const auditorRole = (
    await must(gateway, 'mutation($i: RoleInput!) { createRole(input: $i) { id } }', { i: { name: 'auditor', description: 'Reads the audit trail and usage', permissions: ['audit:read', 'usage:read', 'users:read'] } }, adminToken)
  ).createRole.id as string;
  const create = async (name: string, email: string, roleIds: string[]) => {
    const password = `${email.split('@')[0]}-password-1`;
    const user = (await must(gateway, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { name, email, password, roleIds } }, adminToken)).createUser as { id: string };
    return { id: user.id, email, password, name };
  };
  const auditor = await create('王芳', 'wang.fang@example.cn', [auditorRole]);
  const member = await create('李伟', 'li.wei@example.cn', [memberRole]);
  const memberKey = (await must(gateway, 'mutation($u: ID) { createApiKey(userId: $u, name: "laptop") { secret } }', { u: member.id }, adminToken)).createApiKey.secret as string;
  return { adminToken, auditor, member, memberKey };
}

/** A few chats: answered ones, one with an e-mail address (logged), one with a secret (blocked). */
export async function seedChats(gateway: Gateway, token: string) {
  const chat = (content: string, model = 'mock-small') =>
    gateway.gql('mutation($i: ChatInput!) { chat(input: $i) { text } }', { i: { model, messages: [{ role: 'USER', content }] } }, token);
  await chat('你好，请总结一下本周的工作');
  await chat('Write a haiku about gateways', 'mock-large');
  await chat('请把报告发到 li.wei@example.cn');
  // The default policy blocks secrets: this one is refused with DLP_BLOCKED.
  await chat('my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD');
}
