import { adminApi } from '../fixtures/admin-api.ts';
import type { GraphQLResponse, TestGateway } from '../fixtures/gateway.ts';

const CHAT = 'mutation($c: String!) { chat(input: { model: "mock-small", messages: [{ role: USER, content: $c }] }) { text usage { inputTokens outputTokens } } }';

/** One chat through GraphQL. */
export function chat(gw: TestGateway, token: string, content = 'hello there'): Promise<GraphQLResponse> {
  return gw.gql(CHAT, { c: content }, token);
}

/** One chat through the seed REST door, in process; answers the status, headers and body. */
export async function restChat(gw: TestGateway, token: string, content = 'hello there') {
  const response = await gw.gateway.yoga.fetch('http://gateway/api/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model: 'mock-small', messages: [{ role: 'user', content }] }),
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: (await response.json()) as any };
}

export async function setRateLimit(gw: TestGateway, scope: 'USER' | 'ROLE' | 'API_KEY', targetId: string, requestsPerMinute: number | null, tokensPerMinute: number | null = null) {
  return adminApi(gw).must('mutation($s: RateLimitScope!, $t: ID!, $r: Int, $k: Long) { setRateLimit(scope: $s, targetId: $t, requestsPerMinute: $r, tokensPerMinute: $k) { scope targetId requestsPerMinute tokensPerMinute } }', {
    s: scope,
    t: targetId,
    r: requestsPerMinute,
    k: tokensPerMinute,
  });
}

let users = 0;
/** A fresh chat user (their own counters), with an API key. */
export async function chatUser(gw: TestGateway, roleIds?: string[]) {
  const api = adminApi(gw);
  const roles = roleIds ?? [await api.roleId('member')];
  const email = `rl-${Date.now().toString(36)}-${++users}@limits.test`;
  const id = await api.createUser(email, { roleIds: roles });
  const key = await api.createApiKey(id);
  return { id, email, key: key.secret, keyId: key.id };
}

/**
 * Sliding-window counts are exact within each fixed minute; a test that counts
 * admissions starts well inside one, so its burst does not straddle two.
 */
export async function awayFromMinuteBoundary(burstMs = 10_000): Promise<void> {
  const into = Date.now() % 60_000;
  if (into + burstMs > 59_000) await new Promise((r) => setTimeout(r, 60_000 - into + 200));
}
