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
 * The parts of a chat request that reach the provider as text: the messages and the stop sequences. Tool
 * definitions, tool-call arguments and tool results join here when chats carry them: add them to `textsOf` and
 * `withTexts`, and every door that calls `screenPrompt` screens them.
 */
export interface PromptTexts {
  messages: ChatMessage[];
  stop?: string[] | null;
}

/** The texts a message carries: its string content, or each text part (images are not screened). */
function messageTexts(m: ChatMessage): string[] {
  if (m.content === null) return [];
  if (typeof m.content === 'string') return [m.content];
  return m.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
}

/** Every text of the prompt, in a fixed order that `withTexts` reads back. */
function textsOf(prompt: PromptTexts): string[] {
  return [...prompt.messages.flatMap(messageTexts), ...(prompt.stop ?? [])];
}

/** The prompt with its texts replaced (same order as `textsOf`); unchanged parts keep their identity. */
function withTexts<P extends PromptTexts>(prompt: P, texts: readonly string[]): P {
  let i = 0;
  const messages = prompt.messages.map((m) => {
    if (m.content === null) return m;
    if (typeof m.content === 'string') {
      const text = texts[i++];
      return text === m.content ? m : { ...m, content: text };
    }
    let changed = false;
    const content = m.content.map((part) => {
      if (part.type !== 'text') return part;
      const text = texts[i++];
      if (text === part.text) return part;
      changed = true;
      return { ...part, text };
    });
    return changed ? { ...m, content } : m;
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
export async function screenPrompt<P extends PromptTexts>(ctx: ServiceContext, prompt: P, model: string, onHits?: (hits: readonly DlpHitSummary[]) => void): Promise<P> {
  const { app } = ctx;
  const viewer = ctx.viewer!;
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
  onHits?.(summary);
  recordDlpEvents(app, viewer.userId, model, ctx.requestId, summary);
  if (blocked) {
    const detectors = [...new Set(summary.filter((h) => h.action === 'block').map((h) => h.detector))];
    appendAuditRecord(ctx.em, { actorId: viewer.userId, action: 'dlp.blocked', targetType: 'model', targetId: model, metadata: { requestId: ctx.requestId, hits: summary } });
    await ctx.em.flush();
    throw new AppError('DLP_BLOCKED', `The prompt was blocked by data-protection policy: it contains ${detectors.join(', ')}`, { detectors });
  }
  return redacted ? withTexts(prompt, screened) : prompt;
}

/** Writes DLP events off the request path; they are counts, never the matched text. */
function recordDlpEvents(app: AppState, userId: string, model: string, requestId: string, hits: DlpHitSummary[]): void {
  inBackground(app, () => insertDlpEvents(app.sql.durable, { userId, model, requestId, hits }));
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
