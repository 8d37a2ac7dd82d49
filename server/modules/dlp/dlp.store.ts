import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { DetectorId } from './dlp.types.ts';

/** The SQL of DLP policies (dlp_policy) and DLP events (dlp_event). */

export const DLP_ACTIONS = ['ALLOW', 'LOG', 'REDACT', 'BLOCK'] as const;
export type StoredDlpAction = (typeof DLP_ACTIONS)[number];

export interface DlpPolicy {
  id: string;
  /** null: the organisation default. */
  roleId: string | null;
  detector: DetectorId;
  action: StoredDlpAction;
  updatedAt: Date;
}

interface PolicyDbRow {
  id: string;
  role_id: string | null;
  detector: DetectorId;
  action: StoredDlpAction;
  updated_at: Date;
}

const toPolicy = (r: PolicyDbRow): DlpPolicy => ({ id: r.id, roleId: r.role_id, detector: r.detector, action: r.action, updatedAt: r.updated_at });

/** Every policy: the organisation defaults first, then by role and detector. */
export async function listDlpPolicies(pool: Pool): Promise<DlpPolicy[]> {
  const { rows } = await pool.query<PolicyDbRow>({
    name: 'dlp-policies',
    text: 'select id, role_id, detector, action, updated_at from dlp_policy order by role_id nulls first, detector',
  });
  return rows.map(toPolicy);
}

/** Sets the action of one detector for a role (or the organisation, roleId null); returns the action it replaced. */
export async function upsertDlpPolicy(em: EntityManager, p: { id: string; roleId: string | null; detector: string; action: string }): Promise<StoredDlpAction | null> {
  const [before] = await em.execute<{ action: StoredDlpAction }[]>('select action from dlp_policy where role_id is not distinct from ? and detector = ?', [p.roleId, p.detector]);
  await em.execute(
    `insert into dlp_policy (id, role_id, detector, action, updated_at) values (?, ?, ?, ?, now())
     on conflict on constraint dlp_policy_role_detector_unique do update set action = excluded.action, updated_at = now()`,
    [p.id, p.roleId, p.detector, p.action],
  );
  return before?.action ?? null;
}

/** Removes a role's policy for a detector; returns the action it had, null when there was none. */
export async function deleteDlpPolicy(em: EntityManager, roleId: string, detector: string): Promise<StoredDlpAction | null> {
  const [removed] = await em.execute<{ action: StoredDlpAction }[]>('delete from dlp_policy where role_id = ? and detector = ? returning action', [roleId, detector]);
  return removed?.action ?? null;
}

/** A detector hit in a prompt: what and how many, never the matched text. */
export interface DlpEvent {
  id: string;
  at: Date;
  userId: string | null;
  detector: string;
  kind: string | null;
  action: StoredDlpAction;
  count: number;
  model: string | null;
  requestId: string | null;
  /** Images the prompt carried, which DLP does not screen. */
  unscreenedImages: number;
}

export interface DlpEventFilter {
  userId?: string | null;
  /** A detector id (lower case). */
  detector?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const EVENT_WHERE = `where ($1::uuid is null or user_id = $1::uuid) and ($2::text is null or detector = $2)
  and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at <= $4)`;
const eventParams = (f: DlpEventFilter) => [f.userId ?? null, f.detector ?? null, f.from ?? null, f.to ?? null];

/** Up to `limit` events matching the filter with an id below `beforeId`, newest first. */
export async function findDlpEvents(pool: Pool, filter: DlpEventFilter, beforeId: string | null, limit: number): Promise<DlpEvent[]> {
  const { rows } = await pool.query(
    `select id, at, user_id, detector, kind, action, count, model, request_id, unscreened_images from dlp_event
     ${EVENT_WHERE} and ($5::bigint is null or id < $5::bigint) order by id desc limit ${Number(limit)}`,
    [...eventParams(filter), beforeId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at,
    userId: r.user_id,
    detector: r.detector,
    kind: r.kind,
    action: r.action,
    count: r.count,
    model: r.model,
    requestId: r.request_id,
    unscreenedImages: r.unscreened_images,
  }));
}

export async function countDlpEvents(pool: Pool, filter: DlpEventFilter): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`select count(*) as n from dlp_event ${EVENT_WHERE}`, eventParams(filter));
  return Number(rows[0].n);
}

/** One prompt's hits of one detector (and kind) under one action. */
export interface DlpEventHits {
  detector: string;
  kind?: string;
  /** As applied: block, redact, log. */
  action: string;
  count: number;
}

/** Writes the events of one screened prompt: counts, never the matched text. */
export async function insertDlpEvents(pool: Pool, e: { userId: string; model: string; requestId: string; hits: DlpEventHits[]; unscreenedImages?: number }): Promise<void> {
  await pool.query({
    name: 'dlp-events',
    text: `insert into dlp_event (user_id, detector, kind, action, count, model, request_id, unscreened_images)
           select $1, d, k, a, c, $6, $7, $8 from unnest($2::text[], $3::text[], $4::text[], $5::int4[]) as t(d, k, a, c)`,
    values: [
      e.userId,
      e.hits.map((h) => h.detector),
      e.hits.map((h) => h.kind ?? null),
      e.hits.map((h) => h.action.toUpperCase()),
      e.hits.map((h) => h.count),
      e.model,
      e.requestId,
      e.unscreenedImages ?? 0,
    ],
  });
}

export interface DlpCount {
  detector: string;
  action: string;
  /** DLP events (one per detector and prompt). */
  events: number;
  /** Matches summed over those events. */
  hits: number;
}

/** Events and hits per detector and action in [from, to). */
export async function dlpEventCounts(pool: Pool, range: { from: Date; to: Date }): Promise<DlpCount[]> {
  const { rows } = await pool.query(
    `select detector, action, count(*) as events, sum(count) as hits from dlp_event
     where at >= $1 and at < $2 group by detector, action order by detector, action`,
    [range.from, range.to],
  );
  return rows.map((r) => ({ detector: r.detector, action: r.action, events: Number(r.events ?? 0), hits: Number(r.hits ?? 0) }));
}
