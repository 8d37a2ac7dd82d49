import type { AppState } from '../app-state.ts';
import { appendAuditRecord } from '../modules/audit/audit.service.ts';
import { verifyAuditChain } from '../modules/audit/audit-verify.ts';
import { sealedAuditRecordsAfter, type SealedAuditRecord } from '../modules/audit/audit.store.ts';
import { AUDIT_ACTION_GROUP_NAMES, type AuditActionGroup } from '../modules/audit/audit-action-groups.ts';
import { badInput } from '../errors.ts';
import { authenticate } from './rest-context.ts';

// The file's columns (snake_case, as in the database) and the record field each holds.
const COLUMNS: [string, keyof SealedAuditRecord][] = [
  ['seq', 'seq'], ['id', 'id'], ['at', 'at'], ['user_id', 'userId'], ['action', 'action'], ['target_type', 'targetType'], ['target_id', 'targetId'],
  ['prompt_hash', 'promptHash'], ['response_hash', 'responseHash'], ['model', 'model'], ['provider', 'provider'], ['input_tokens', 'inputTokens'],
  ['output_tokens', 'outputTokens'], ['latency_ms', 'latencyMs'], ['metadata', 'metadata'], ['prev_hash', 'prevHash'], ['hash', 'hash'],
];
const PAGE = 1000;

function parseDate(value: string | null, name: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`${name} must be an ISO-8601 date or time`, name);
  return date;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * GET /api/v1/audit/export?format=jsonl|csv&from&to&action&userId — a streaming
 * download of sealed audit records in chain order, for auditors. The chain is
 * verified over the same range first; the result travels in the
 * `x-audit-verification` header and as the first line of the file. Needs audit:read.
 */
export async function exportAudit(app: AppState, request: Request, url: URL): Promise<Response> {
  const viewer = await authenticate(app, request, 'audit:read');
  const format = url.searchParams.get('format') ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw badInput('format must be jsonl or csv', 'format');
  const from = parseDate(url.searchParams.get('from'), 'from');
  const to = parseDate(url.searchParams.get('to'), 'to');
  const action = url.searchParams.get('action');
  const group = url.searchParams.get('group');
  if (group && !(AUDIT_ACTION_GROUP_NAMES as string[]).includes(group)) throw badInput(`group must be one of ${AUDIT_ACTION_GROUP_NAMES.join(', ')}`, 'group');
  const actionGroup = (group || null) as AuditActionGroup | null;
  const userId = url.searchParams.get('userId');
  if (userId && !/^[0-9a-f-]{36}$/i.test(userId)) throw badInput('userId must be a user id', 'userId');

  await app.auditSealer.sealNow();
  const verification = await verifyAuditChain(app.sql.durable, { from, to });
  // Exports are themselves audited: who took which slice of the trail.
  const em = app.orm.em.fork();
  appendAuditRecord(em, { actorId: viewer.userId, action: 'audit.export', metadata: { format, from, to, action, actionGroup, userId, verified: verification.ok } });
  await em.flush();

  const encoder = new TextEncoder();
  let afterSeq = 0;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(format === 'jsonl' ? `${JSON.stringify({ verification })}\n` : `# verification: ${verification.ok ? 'ok' : `BROKEN ${verification.problem?.message}`}\n${COLUMNS.map(([column]) => column).join(',')}\n`),
        );
        return;
      }
      const rows = await sealedAuditRecordsAfter(app.sql.durable, afterSeq, { from, to, action, actionGroup, userId }, PAGE);
      if (rows.length === 0) return controller.close();
      afterSeq = rows.at(-1)!.seq;
      const text =
        format === 'jsonl'
          ? rows.map((r) => JSON.stringify(Object.fromEntries(COLUMNS.map(([column, field]) => [column, r[field]])))).join('\n') + '\n'
          : rows.map((r) => COLUMNS.map(([, field]) => csvCell(r[field])).join(',')).join('\n') + '\n';
      controller.enqueue(encoder.encode(text));
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(stream, {
    headers: {
      'content-type': format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="zero-audit-${stamp}.${format}"`,
      'x-audit-verification': verification.ok ? 'ok' : `broken; kind=${verification.problem?.kind}; seq=${verification.problem?.seq}`,
      'cache-control': 'no-store',
    },
  });
}
