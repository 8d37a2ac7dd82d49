import { bankCardDetector } from './detectors/bank-card.ts';
import { cnIdDetector } from './detectors/cn-id.ts';
import { emailDetector } from './detectors/email.ts';
import { ibanDetector } from './detectors/iban.ts';
import { ipAddressDetector } from './detectors/ip-address.ts';
import { phoneDetector } from './detectors/phone.ts';
import { secretDetector } from './detectors/secrets.ts';
import { DETECTOR_IDS, type Detector, type DetectorId, type Finding, type ScanMemo } from './dlp.types.ts';
import { normaliseForDetection } from './normalise.ts';

/** In priority order: when two detectors claim exactly the same span, the earlier one is reported. */
const DETECTORS: readonly Detector[] = [
  secretDetector,
  emailDetector,
  cnIdDetector,
  bankCardDetector,
  ibanDetector,
  phoneDetector,
  ipAddressDetector,
];
const PRIORITY = new Map(DETECTORS.map((d, i) => [d.id, i]));

function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || b.end - a.end || PRIORITY.get(a.detector)! - PRIORITY.get(b.detector)!;
}

/**
 * Findings sorted by position, with any finding that lies inside another one dropped: the phone number in
 * "13812345678@qq.com" is part of the address, the IPv4 tail of "::ffff:10.0.0.1" part of the IPv6 address.
 * Partial overlaps are kept; `redact` merges them.
 */
export function dropContained(findings: Finding[]): Finding[] {
  findings.sort(byPosition);
  const kept: Finding[] = [];
  let maxEnd = -1;
  for (const f of findings) {
    if (f.end <= maxEnd) continue;
    kept.push(f);
    maxEnd = f.end;
  }
  return kept;
}

/**
 * Scans `text` for sensitive data and returns where it is, sorted by start offset.
 *
 * The detectors see the text normalised (`normaliseForDetection`: NFKC, format characters removed, every script's
 * digits as ASCII); each finding is mapped back, so its span covers exactly the original characters, hidden ones
 * included, and redacting it leaves nothing of the match behind.
 *
 * @param enabled the detectors to run (default: all). Detectors whose trigger characters are absent are skipped.
 * @returns findings with UTF-16 offsets into `text`; they carry no copy of the data. Callers must not log or store
 *   `text.slice(start, end)`.
 */
export function detect(text: string, enabled: readonly DetectorId[] = DETECTOR_IDS): Finding[] {
  if (text.length === 0 || enabled.length === 0) return [];
  const normalised = normaliseForDetection(text);
  const scanned = normalised.text;
  const out: Finding[] = [];
  const memo: ScanMemo = new Map();
  for (const d of DETECTORS) {
    if (enabled.includes(d.id) && d.mayMatch(scanned)) d.scan(scanned, out, memo);
  }
  for (const f of out) Object.assign(f, normalised.toOriginal(f.start, f.end));
  return dropContained(out);
}
