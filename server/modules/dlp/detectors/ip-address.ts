import type { Detector, Finding } from '../dlp.types.ts';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not part of a longer dotted number (a version like 1.2.3.4.5) and not glued to a word.
const IPV4 = new RegExp(`(?<![0-9A-Za-z_.])${OCTET}(?:\\.${OCTET}){3}(?![0-9A-Za-z_]|\\.\\d)`, 'g');
// A four-part version number ("version 1.2.3.4", "v1.0.0.1", "upgrade from 1.2.3.4 to 1.2.3.5") is shaped like an
// address; a version word shortly before it on the same line decides. ("server 10.0.0.1" must still count.)
const VERSION_BEFORE = /(?:(?<![A-Za-z])(?:version|ver|release|upgrade|downgrade|build|firmware|v)(?![A-Za-z])|版本|固件|升级)[^\n]{0,32}$/i;

// Candidate IPv6: hex groups with at least two colons, optional dotted IPv4 tail and zone id; validated below.
const IPV6 =
  /(?<![0-9A-Za-z_.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:\d{1,3}(?:\.\d{1,3}){3})?(?:%[0-9A-Za-z]{1,15})?(?![0-9A-Za-z_:]|\.\d)/g;
// Document numbering: "section 3.2.1.4", "§ 1.2.3.4", "第1.2.3.4条".
const NUMBERING_BEFORE = /(?:(?<![A-Za-z])(?:section|sect?\.?|chapter|ch\.|clause|figure|fig\.|table|step|item|para(?:graph)?)|§|第)\s*$/i;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Strict RFC 4291 text form, with one extra rule: a compressed address needs a group of 3+ digits or be ::1 / ::. */
export function isIpv6(candidate: string): boolean {
  const addr = candidate.replace(/%.*$/, '');
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups: string[] = [];
  for (const half of halves) {
    if (half !== '') groups.push(...half.split(':'));
  }
  let width = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!IPV4_EXACT.test(last)) return false;
    groups.pop();
    width += 1; // the dotted tail stands for two groups
  }
  if (!groups.every((g) => HEX_GROUP.test(g))) return false;
  if (halves.length === 1) return width === 8;
  if (width > 7) return false;
  if (addr === '::1' || addr === '::' || width > groups.length) return true;
  // Rust/C++ paths ("a::b") and Python slices ("[::100]", "[100::200]") are compressed IPv6 in form. Real compressed
  // addresses have two or more groups, one of them long and either a full 4-digit group or one with hex letters.
  return groups.length >= 2 && groups.some((g) => g.length === 4 || (g.length === 3 && /[a-f]/i.test(g)));
}

/** Finds IPv4 addresses (dotted quad, octets 0-255) and IPv6 addresses (full, compressed, IPv4-mapped, zoned). */
export const ipAddressDetector: Detector = {
  id: 'ip_address',
  mayMatch: (text) => text.includes('.') || text.includes(':'),
  scan(text: string, out: Finding[]) {
    if (text.includes('.')) {
      for (const m of text.matchAll(IPV4)) {
        if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 48), m.index))) continue;
        if (NUMBERING_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
        out.push({ detector: 'ip_address', kind: 'ipv4', start: m.index, end: m.index + m[0].length });
      }
    }
    if (text.includes(':')) {
      for (const m of text.matchAll(IPV6)) {
        if (isIpv6(m[0])) out.push({ detector: 'ip_address', kind: 'ipv6', start: m.index, end: m.index + m[0].length });
      }
    }
  },
};
