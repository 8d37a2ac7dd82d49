import { bankCardDetector } from './detectors/bank-card.ts';
import { cnIdDetector } from './detectors/cn-id.ts';
import { emailDetector } from './detectors/email.ts';
import { ibanDetector } from './detectors/iban.ts';
import { ipAddressDetector } from './detectors/ip-address.ts';
import { phoneDetector } from './detectors/phone.ts';
import { secretDetector } from './detectors/secrets.ts';
import { DETECTOR_IDS, type Detector, type DetectorId, type Finding } from './dlp.types.ts';

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

// Chinese input methods produce full-width ASCII (１３８, ＠, ：). U+FF01-FF5E map one-to-one onto U+0021-007E,
// and U+3000 onto a space, so folding keeps every offset valid for the original text.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const FULL_WIDTH_ALL = /[\uFF01-\uFF5E\u3000]/g;

function foldFullWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH_ALL, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

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
 * @param enabled the detectors to run (default: all). Detectors whose trigger characters are absent are skipped.
 * @returns findings with UTF-16 offsets into `text`; they carry no copy of the data. Callers must not log or store
 *   `text.slice(start, end)`.
 */
export function detect(text: string, enabled: readonly DetectorId[] = DETECTOR_IDS): Finding[] {
  if (text.length === 0 || enabled.length === 0) return [];
  const scanned = foldFullWidth(text);
  const out: Finding[] = [];
  for (const d of DETECTORS) {
    if (enabled.includes(d.id) && d.mayMatch(scanned)) d.scan(scanned, out);
  }
  return dropContained(out);
}
