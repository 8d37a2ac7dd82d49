import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../../plugins/plugin-api.ts';
import { AppError, badInput, notFound } from '../../errors.ts';
import { inBackground, type AppState } from '../../app-state.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import type { ServiceContext, SignedInContext } from '../service-context.ts';
import { Role } from '../roles/role.entity.ts';
import { applyPolicies } from './policy.ts';
import { DETECTOR_IDS, type DetectorId } from './dlp.types.ts';
import { keysetPage, type Connection } from '../../schema/keyset-page.ts';
import {
  countDlpEvents,
  deleteDlpPolicy,
  DLP_ACTIONS,
  findDlpEvents,
  insertDlpEvents,
  upsertDlpPolicy,
  type DlpEvent,
  type DlpEventFilter,
} from './dlp.store.ts';

export interface DlpHitSummary {
  detector: DetectorId;
  kind?: string;
  action: string;
  count: number;
}

/**
 * The parts of a chat request that reach the provider as the user's text: the messages (text content and parts,
 * tool results, the arguments of tool calls echoed back) and the stop sequences. Images are not screened: the
 * DLP events of a prompt that carried some say how many passed unscreened.
 */
export interface PromptTexts {
  messages: ChatMessage[];
  stop?: string[] | null;
}

/** The texts a message carries: its string content or each text part, then its tool calls' arguments (images are not screened). */
function messageTexts(m: ChatMessage): string[] {
  const texts = m.content === null ? [] : typeof m.content === 'string' ? [m.content] : m.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  if (m.toolCalls?.length) for (const call of m.toolCalls) texts.push(call.arguments);
  return texts;
}

function imagesOf(prompt: PromptTexts): number {
  let n = 0;
  for (const m of prompt.messages) if (Array.isArray(m.content)) for (const p of m.content) if (p.type === 'image') n++;
  return n;
}

/** Every text of the prompt, in a fixed order that `withTexts` reads back. */
function textsOf(prompt: PromptTexts): string[] {
  return [...prompt.messages.flatMap(messageTexts), ...(prompt.stop ?? [])];
}

/** The prompt with its texts replaced (same order as `textsOf`); unchanged parts keep their identity. */
function withTexts<P extends PromptTexts>(prompt: P, texts: readonly string[]): P {
  let i = 0;
  const messages = prompt.messages.map((m) => {
    let out = m;
    if (typeof m.content === 'string') {
      const text = texts[i++];
      if (text !== m.content) out = { ...m, content: text };
    } else if (m.content !== null) {
      let changed = false;
      const content = m.content.map((part) => {
        if (part.type !== 'text') return part;
        const text = texts[i++];
        if (text === part.text) return part;
        changed = true;
        return { ...part, text };
      });
      if (changed) out = { ...m, content };
    }
    if (m.toolCalls?.length) {
      const calls = m.toolCalls.map((call) => {
        const args = texts[i++];
        return args === call.arguments ? call : { ...call, arguments: args };
      });
      if (calls.some((c, k) => c !== m.toolCalls![k])) out = { ...out, toolCalls: calls };
    }
    return out;
  });
  const stop = prompt.stop?.map(() => texts[i++]);
  return { ...prompt, messages, ...(prompt.stop ? { stop } : {}) };
}

/**
 * Applies the user's DLP policies to everything a prompt carries (messages and stop sequences) before it goes
 * anywhere: returns the prompt to send upstream (redacted where a policy says so) and records the hits as DLP
 * events (counts only, never the matched text). A BLOCK hit in any part throws DLP_BLOCKED naming the detectors,
 * and is audited.
 */
export async function screenPrompt<P extends PromptTexts>(ctx: SignedInContext, prompt: P, model: string, onHits?: (hits: readonly DlpHitSummary[]) => void): Promise<P> {
  const { app } = ctx;
  const { viewer } = ctx;
  const policies = await app.dlpPolicies.effective(viewer.roleIds);
  if (![...policies.values()].some((a) => a !== 'allow')) return prompt;
  const hits = new Map<string, DlpHitSummary>();
  let blocked = false;
  let redacted = false;
  const screened = textsOf(prompt).map((text) => {
    const result = applyPolicies(text, policies);
    for (const hit of result.hits) {
      const key = `${hit.detector}/${hit.kind ?? ''}/${hit.action}`;
      const seen = hits.get(key);
      if (seen) seen.count += hit.count;
      else hits.set(key, { detector: hit.detector, kind: hit.kind, action: hit.action, count: hit.count });
    }
    if (result.action === 'blocked') blocked = true;
    if (result.action === 'redacted') redacted = true;
    return result.action === 'pass' ? text : result.text;
  });
  if (hits.size === 0) return prompt;
  const summary = [...hits.values()];
  const unscreenedImages = imagesOf(prompt);
  onHits?.(summary);
  recordDlpEvents(app, viewer.userId, model, ctx.requestId, summary, unscreenedImages);
  if (blocked) {
    const detectors = [...new Set(summary.filter((h) => h.action === 'block').map((h) => h.detector))];
    appendAuditRecord(ctx.em, {
      actorId: viewer.userId,
      action: 'dlp.blocked',
      targetType: 'model',
      targetId: model,
      metadata: { requestId: ctx.requestId, hits: summary, ...(unscreenedImages ? { unscreenedImages } : {}) },
    });
    await ctx.em.flush();
    throw new AppError('DLP_BLOCKED', `The prompt was blocked by data-protection policy: it contains ${detectors.join(', ')}`, { detectors });
  }
  return redacted ? withTexts(prompt, screened) : prompt;
}

/** Writes DLP events off the request path; they are counts, never the matched text. */
function recordDlpEvents(app: AppState, userId: string, model: string, requestId: string, hits: DlpHitSummary[], unscreenedImages: number): void {
  inBackground(app, () => insertDlpEvents(app.sql.durable, { userId, model, requestId, hits, unscreenedImages }));
}

/** Sets (or with ALLOW on a role, still sets) the policy of one detector, for a role or the organisation default (roleId null). */
export async function setDlpPolicy(ctx: SignedInContext, roleId: string | null, detector: string, action: string): Promise<void> {
  if (!(DETECTOR_IDS as readonly string[]).includes(detector)) throw badInput(`Unknown detector "${detector}"; one of ${DETECTOR_IDS.join(', ')}`, 'detector');
  if (!(DLP_ACTIONS as readonly string[]).includes(action)) throw badInput(`action must be one of ${DLP_ACTIONS.join(', ')}`, 'action');
  await ctx.em.transactional(async (em) => {
    if (roleId && !(await em.findOne(Role, { id: roleId }, { fields: ['id'] }))) throw notFound('Role');
    const before = await upsertDlpPolicy(em, { id: randomUUID(), roleId, detector, action });
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'dlp.policy.update',
      targetType: roleId ? 'role' : 'organisation',
      targetId: roleId ?? undefined,
      metadata: { detector, changes: { action: { from: before, to: action } } },
    });
    await em.flush();
  });
  ctx.app.dlpPolicies.invalidate();
}

/** Removes a role's policy for a detector, so the organisation default applies again. */
export async function clearDlpPolicy(ctx: SignedInContext, roleId: string, detector: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const before = await deleteDlpPolicy(em, roleId, detector);
    if (!before) throw notFound('DLP policy');
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'dlp.policy.clear', targetType: 'role', targetId: roleId, metadata: { detector, changes: { action: { from: before, to: null } } } });
    await em.flush();
  });
  ctx.app.dlpPolicies.invalidate();
}

/** DLP events, newest first, keyset-paged on the event id. */
export function listDlpEvents(ctx: ServiceContext, filter: DlpEventFilter, first?: number | null, after?: string | null): Promise<Connection<DlpEvent>> {
  const pool = ctx.app.sql.durable;
  return keysetPage({ first, after }, (beforeId, limit) => findDlpEvents(pool, filter, beforeId, limit), {
    keyOf: (event) => event.id,
    totalCount: () => countDlpEvents(pool, filter),
  });
}
