/**
 * Acme's chat call. The stream is SSE with one JSON event per line:
 * `{"type":"text","text"}`, `{"type":"tool","index","id","name"}`,
 * `{"type":"tool_args","index","json"}` (argument pieces), and a final
 * `{"type":"done","reason","usage":{"input","output","cached"}}`. The
 * non-streaming answer is `{"text","calls":[{id,name,json}],"reason","usage"}`.
 */
import type { ChatChunk, ChatRequest, FinishReason, TokenUsage } from '../plugin-api.ts';
import { parseJsonSafe, snippet, streamError } from '../_shared/errors.ts';
import { finishReasonOf } from '../_shared/finish-reason.ts';
import { bodyError, readJson, type UpstreamClient } from '../_shared/http.ts';
import { parseSse } from '../_shared/sse.ts';
import { classifyAcmeError } from './errors.ts';
import { acmeBody } from './request.ts';

const ACME_FINISH: Record<string, FinishReason> = { end: 'stop', length: 'length', tool: 'tool_calls', blocked: 'content_filter' };

interface AcmeUsage {
  input?: number;
  output?: number;
  cached?: number;
}
interface AcmeEvent {
  type?: string;
  text?: string;
  index?: number;
  id?: string;
  name?: string;
  json?: string;
  reason?: string;
  usage?: AcmeUsage;
}

function usageOf(u: AcmeUsage | undefined): TokenUsage | undefined {
  if (!u || typeof u.input !== 'number') return undefined;
  return { inputTokens: u.input, outputTokens: u.output ?? 0, ...(typeof u.cached === 'number' && { cachedInputTokens: u.cached }) };
}

export async function* acmeChat(client: UpstreamClient, headers: Record<string, string>, req: ChatRequest): AsyncGenerator<ChatChunk> {
  const stream = req.stream !== false;
  // Translate first: a refusal is thrown before anything goes upstream.
  const body = JSON.stringify(acmeBody(req, stream));
  const res = await client.send(
    { method: 'POST', path: '/chat', headers: { ...headers, 'content-type': 'application/json' }, body, signal: req.signal },
    classifyAcmeError,
  );
  if (!stream) {
    const json = (await readJson(res, req.signal)) as { text?: string; calls?: { id: string; name: string; json: string }[]; reason?: string; usage?: AcmeUsage };
    const usage = usageOf(json.usage);
    if (!usage) throw streamError('answer has no usage', false);
    if (json.text) yield { type: 'delta', text: json.text };
    for (const [index, c] of (json.calls ?? []).entries()) yield { type: 'tool_call', index, id: c.id, name: c.name, arguments: c.json };
    yield { type: 'usage', usage, finishReason: finishReasonOf(json.reason, ACME_FINISH) };
    return;
  }
  let done: AcmeEvent | undefined;
  try {
    // Parse as the bytes arrive; never buffer the whole body.
    for await (const ev of parseSse(res.body)) {
      const e = parseJsonSafe(ev.data) as AcmeEvent | undefined;
      if (!e || typeof e !== 'object') throw streamError(`malformed stream data: ${snippet(ev.data)}`, false);
      if (e.type === 'text' && e.text) yield { type: 'delta', text: e.text };
      else if (e.type === 'tool') yield { type: 'tool_call', index: e.index ?? 0, id: e.id, name: e.name };
      else if (e.type === 'tool_args' && e.json) yield { type: 'tool_call', index: e.index ?? 0, arguments: e.json };
      else if (e.type === 'done') {
        done = e;
        break;
      }
    }
  } catch (err) {
    throw bodyError(err, req.signal); // aborted, timed out or cut, classified
  } finally {
    // Also runs when the consumer stops iterating: close the upstream at once.
    if (!res.body.destroyed) res.body.destroy();
  }
  if (!done) throw streamError('stream ended without its done event', true);
  const usage = usageOf(done.usage);
  if (!usage) throw streamError('done event has no usage', false);
  yield { type: 'usage', usage, finishReason: finishReasonOf(done.reason, ACME_FINISH) };
}
