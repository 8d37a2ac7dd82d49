import { DETECTORS } from '../../components/dlp/dlp-ids.ts';
import type { DlpAction, DlpDetector } from '../../gql/graphql.ts';

export interface PolicyInput {
  detector: DlpDetector;
  action: DlpAction;
  roleId: string | null;
  role?: { id: string; name: string; builtIn: boolean } | null;
}

export interface PolicyColumn {
  /** null: the organisation default */
  roleId: string | null;
  role: { id: string; name: string; builtIn: boolean } | null;
}

export interface PolicyRow {
  detector: DlpDetector;
  /** What applies per column; undefined: not set (a role then follows the organisation default). */
  actions: Record<string, DlpAction | undefined>;
}

export const ORG = 'org';
export const columnKey = (roleId: string | null) => roleId ?? ORG;

/**
 * Detectors down, the organisation default and each role across. Roles come from
 * the role list when the reader may read it, and otherwise from the overrides that
 * exist, so an override is never hidden.
 */
export function policyMatrix(policies: readonly PolicyInput[], roles: readonly { id: string; name: string; builtIn: boolean }[] | undefined) {
  const known = new Map((roles ?? []).map((r) => [r.id, r]));
  for (const p of policies) if (p.roleId && p.role && !known.has(p.roleId)) known.set(p.roleId, p.role);
  const columns: PolicyColumn[] = [{ roleId: null, role: null }, ...[...known.values()].sort((a, b) => a.name.localeCompare(b.name)).map((role) => ({ roleId: role.id, role }))];
  const detectors = [...new Set([...DETECTORS, ...policies.map((p) => p.detector)])];
  const rows: PolicyRow[] = detectors.map((detector) => ({
    detector,
    actions: Object.fromEntries(policies.filter((p) => p.detector === detector).map((p) => [columnKey(p.roleId), p.action])),
  }));
  return { columns, rows };
}
