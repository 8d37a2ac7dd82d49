import { detect } from './detect.ts';
import { DETECTOR_IDS, type DetectorId, type DlpAction, type Finding, type FindingKind } from './dlp.types.ts';
import { defaultPlaceholder, redact, type Placeholder } from './redact.ts';

/** The action per detector; a detector that is missing (or 'allow') is not scanned at all. */
export type DlpPolicies = ReadonlyMap<DetectorId, DlpAction> | Readonly<Partial<Record<DetectorId, DlpAction>>>;

/** How many findings of one detector (and kind) a prompt had, and what was done. Holds no matched text. */
export interface DlpHit {
  detector: DetectorId;
  kind?: FindingKind;
  action: Exclude<DlpAction, 'allow'>;
  count: number;
}

export interface DlpResult {
  /** 'blocked' if any finding's detector blocks, else 'redacted' if any redacts, else 'pass'. */
  action: 'pass' | 'redacted' | 'blocked';
  /**
   * 'pass': the input unchanged. 'redacted': the input with redact-policy findings replaced, safe to forward.
   * 'blocked': the input with block- and redact-policy findings replaced; must not be forwarded, but is safe to keep.
   */
  text: string;
  /** Grouped by detector and kind, in detector order. */
  hits: DlpHit[];
}

export interface ApplyPoliciesOptions {
  placeholder?: Placeholder;
}

function actionsOf(policies: DlpPolicies): Map<DetectorId, DlpAction> {
  const map = new Map<DetectorId, DlpAction>();
  const entries = policies instanceof Map ? policies.entries() : Object.entries(policies);
  for (const [id, action] of entries as Iterable<[DetectorId, DlpAction]>) {
    if (action !== 'allow' && DETECTOR_IDS.includes(id)) map.set(id, action);
  }
  return map;
}

/**
 * Runs the detectors named by `policies` over `text` and applies the strictest outcome: block beats redact beats log.
 * Pure: it neither logs nor stores anything, so audit and persistence stay with the caller.
 */
export function applyPolicies(text: string, policies: DlpPolicies, options: ApplyPoliciesOptions = {}): DlpResult {
  const actions = actionsOf(policies);
  const findings = detect(text, [...actions.keys()]);
  const counts = new Map<string, DlpHit>();
  const toReplace: Finding[] = [];
  const toBlock: Finding[] = [];
  for (const f of findings) {
    const action = actions.get(f.detector) as DlpHit['action'];
    if (action === 'redact') toReplace.push(f);
    if (action === 'block') toBlock.push(f);
    const key = `${f.detector}\u0000${f.kind ?? ''}`;
    const hit = counts.get(key);
    if (hit) hit.count++;
    else counts.set(key, f.kind ? { detector: f.detector, kind: f.kind, action, count: 1 } : { detector: f.detector, action, count: 1 });
  }
  const hits = [...counts.values()].sort(
    (a, b) => DETECTOR_IDS.indexOf(a.detector) - DETECTOR_IDS.indexOf(b.detector) || (a.kind ?? '').localeCompare(b.kind ?? ''),
  );
  const placeholder = options.placeholder ?? defaultPlaceholder;
  if (toBlock.length > 0) return { action: 'blocked', text: redact(text, [...toBlock, ...toReplace], placeholder), hits };
  if (toReplace.length > 0) return { action: 'redacted', text: redact(text, toReplace, placeholder), hits };
  return { action: 'pass', text, hits };
}
