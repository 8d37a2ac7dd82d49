import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sseSubscribe } from '../fixtures/http.ts';

/** Fifty words: at 100 ms a word the mock streams them over five seconds. */
export const FIFTY_WORDS = Array.from({ length: 50 }, (_, i) => `word${i + 1}`).join(' ');

/**
 * A config whose models take about five seconds: `slow-stream` streams word by
 * word, `slow-json` answers in one piece after five seconds.
 */
export function writeSlowConfig(extra: Record<string, unknown> = {}): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zero-reliability-'));
  const path = join(dir, 'zero.config.json');
  writeFileSync(
    path,
    JSON.stringify({
      providers: [
        { id: 'mock-stream', plugin: 'mock', options: { reply: FIFTY_WORDS, latencyMs: 100, wordsPerDelta: 1 } },
        { id: 'mock-json', plugin: 'mock', options: { reply: FIFTY_WORDS, latencyMs: 5000 } },
      ],
      models: [
        { name: 'slow-stream', primary: { provider: 'mock-stream', model: 'slow' } },
        { name: 'slow-json', primary: { provider: 'mock-json', model: 'slow' } },
      ],
      ...extra,
    }),
  );
  return { dir, path };
}

export async function gqlHttp(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const { body } = await gqlHttp(url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  if (!body.data?.login) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

const SUBSCRIBE = `subscription($i: ChatInput!) { chat(input: $i) {
  __typename ... on ChatDelta { text } ... on ChatCompleted { result { text usage { inputTokens outputTokens } auditId chatId } }
} }`;

export interface ClientChat {
  kind: 'stream' | 'json';
  /** Text the client received. */
  text: string;
  /** The final result when the chat completed. */
  result?: { text: string; usage: { inputTokens: number; outputTokens: number }; auditId: string | null; chatId: string };
  /** The error code when it ended with one. */
  error?: string;
  /** A transport failure (connection reset, refused). */
  transport?: string;
}

/** One chat over SSE, recording what the client saw. */
export async function streamChat(url: string, token: string, model: string, content = 'Tell me a story'): Promise<ClientChat> {
  const chat: ClientChat = { kind: 'stream', text: '' };
  try {
    for await (const payload of sseSubscribe(url, SUBSCRIBE, { i: { model, messages: [{ role: 'USER', content }] } }, token)) {
      if (payload.errors) {
        chat.error = payload.errors[0]?.extensions?.code ?? 'UNKNOWN';
        continue;
      }
      const event = payload.data.chat;
      if (event.__typename === 'ChatDelta') chat.text += event.text;
      else chat.result = event.result;
    }
  } catch (error) {
    chat.transport = (error as Error).message;
  }
  // A body that ended with neither (a refusal as plain JSON, or a connection closed mid-stream) says so.
  if (!chat.result && !chat.error && !chat.transport) chat.transport = `ended after ${chat.text.length} characters with neither a result nor an error`;
  return chat;
}

/** One Mutation.chat, recording what the client saw. */
export async function jsonChat(url: string, token: string, model: string, content = 'Tell me a story'): Promise<ClientChat> {
  const chat: ClientChat = { kind: 'json', text: '' };
  try {
    const { body } = await gqlHttp(
      url,
      'mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } auditId chatId } }',
      { i: { model, messages: [{ role: 'USER', content }] } },
      token,
    );
    if (body.errors) chat.error = body.errors[0]?.extensions?.code ?? 'UNKNOWN';
    else {
      chat.result = body.data.chat;
      chat.text = body.data.chat.text;
    }
  } catch (error) {
    chat.transport = (error as Error).message;
  }
  return chat;
}

/** Runs one query against the gateway's database directly (what an auditor with psql would see). */
export async function sql<T = any>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The books of the gateway's database: chat audit records, usage and counters, per user. */
export async function books(databaseUrl: string) {
  const [audit] = await sql<{ chats: string; input: string; output: string }>(
    databaseUrl,
    `select count(*) as chats, coalesce(sum(input_tokens), 0) as input, coalesce(sum(output_tokens), 0) as output from audit_record where action = 'chat'`,
  );
  const [usage] = await sql<{ requests: string; input: string; output: string }>(
    databaseUrl,
    'select coalesce(sum(requests), 0) as requests, coalesce(sum(input_tokens), 0) as input, coalesce(sum(output_tokens), 0) as output from daily_usage',
  );
  const [counter] = await sql<{ input: string; output: string }>(databaseUrl, 'select coalesce(sum(input_tokens), 0) as input, coalesce(sum(output_tokens), 0) as output from quota_counter');
  const [open] = await sql<{ n: string }>(databaseUrl, 'select count(*) as n from chat_in_flight where settled_at is null');
  const n = (v: string) => Number(v);
  return {
    audit: { chats: n(audit.chats), input: n(audit.input), output: n(audit.output) },
    usage: { requests: n(usage.requests), input: n(usage.input), output: n(usage.output) },
    counter: { input: n(counter.input), output: n(counter.output) },
    openChats: n(open.n),
  };
}
