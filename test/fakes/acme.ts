/**
 * Fake of Acme, the made-up vendor of the plugin template (plugins/_template):
 * POST /v1/chat (JSON, or SSE of typed events ending with `done`), GET
 * /v1/models. The smallest complete dialect: copy it for a new vendor.
 */
import { z } from 'zod';
import { argumentPieces, shapeProblems, startFake, type Dialect, type FakeOptions, type FakeUpstream, type Piece } from './fake-server.ts';

const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`;

/** Acme's request shape, strict: anything else is answered 400, as the real API would. */
const acmeChatRequest = z
  .object({
    model: z.string().min(1),
    system: z.string().optional(),
    messages: z.array(
      z
        .object({
          role: z.enum(['user', 'assistant', 'tool']),
          text: z.string(),
          images: z.array(z.object({ media_type: z.string(), base64: z.string().regex(/^[A-Za-z0-9+/]+=*$/) }).strict()).optional(),
          calls: z.array(z.object({ id: z.string(), name: z.string(), json: z.string() }).strict()).optional(),
          call_id: z.string().optional(),
        })
        .strict(),
    ),
    stream: z.boolean(),
    temperature: z.number().optional(),
    top_p: z.number().optional(),
    max_output: z.number().int().optional(),
    stop: z.array(z.string()).optional(),
    tools: z.array(z.object({ name: z.string(), description: z.string(), schema: z.record(z.unknown()) }).strict()).optional(),
    tool_mode: z.union([z.enum(['auto', 'none', 'required']), z.object({ only: z.string() }).strict()]).optional(),
  })
  .strict();

export function acmeDialect(o: FakeOptions = {}): Dialect {
  const models = o.models ?? ['acme-large', 'acme-small'];
  const usageJson = (u: { inputTokens: number; outputTokens: number; cachedInputTokens?: number }) => ({
    input: u.inputTokens,
    output: u.outputTokens,
    ...(u.cachedInputTokens !== undefined && { cached: u.cachedInputTokens }),
  });
  return {
    prefix: '/v1',
    models,
    route(method, path, body) {
      if (method === 'POST' && path === '/v1/chat') return { kind: 'chat', model: body?.model, stream: body?.stream === true };
      if (method === 'GET' && path === '/v1/models') return { kind: 'json', body: { ids: models } };
      return null;
    },
    problems: (_route, body) => shapeProblems(acmeChatRequest, body),
    authorized: (h, key) => h.authorization === `Bearer ${key}`,
    errorBody: (_status, message) => ({ error: { message } }),
    streamContentType: 'text/event-stream',
    streamPieces(deltas, usage, _model, _body, toolCalls) {
      const pieces: Piece[] = deltas.map((text) => ({ wire: sse({ type: 'text', text }), delta: true }));
      toolCalls.forEach((c, index) => {
        pieces.push({ wire: sse({ type: 'tool', index, id: c.id, name: c.name }), delta: true });
        for (const json of argumentPieces(c.arguments)) pieces.push({ wire: sse({ type: 'tool_args', index, json }), delta: true });
      });
      pieces.push({ wire: sse({ type: 'done', reason: toolCalls.length ? 'tool' : 'end', ...(usage && { usage: usageJson(usage) }) }) });
      return pieces;
    },
    jsonAnswer: (text, usage, _model, _body, toolCalls) => ({
      text,
      calls: toolCalls.map((c) => ({ id: c.id, name: c.name, json: c.arguments })),
      reason: toolCalls.length ? 'tool' : 'end',
      ...(usage && { usage: usageJson(usage) }),
    }),
    malformedPiece: 'data: {"type": "text", \n\n',
    streamErrorPiece: () => 'data: {"type": "text"\n\n',
  };
}

/** Starts a fake Acme upstream; `url` ends in `/v1` like the real base URL. */
export function startFakeAcme(o: FakeOptions = {}): Promise<FakeUpstream> {
  return startFake(acmeDialect(o), o);
}
