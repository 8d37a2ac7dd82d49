import type { Detector, Finding } from '../dlp.types.ts';

// Scanning outward from each '@' (instead of a regex anchored on the local part) keeps the cost linear:
// a regex like /[\w.]+@/ retries the whole run at every start, which is quadratic on 'a'.repeat(n) + '@'.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 46 /* . */ || c === 95 /* _ */ || c === 37 /* % */ || c === 43 /* + */ || c === 45 /* - */
  );
}

function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

// Retina asset names (icon@2x.png) look like addresses; these "TLDs" are file extensions in practice.
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'avif']);
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/i;

/** Returns the end of a valid domain starting at `from`, or -1. Drops trailing labels that are not a TLD. */
function domainEnd(text: string, from: number): number {
  const labelEnds: number[] = [];
  let i = from;
  const limit = Math.min(text.length, from + MAX_DOMAIN);
  for (;;) {
    const labelStart = i;
    while (i < limit && isLabelChar(text.charCodeAt(i))) i++;
    if (i === labelStart) break;
    // A label may not start or end with a hyphen; stop the domain before such a label.
    if (text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) break;
    labelEnds.push(i);
    if (text.charCodeAt(i) !== 46 /* . */ || !isLabelChar(text.charCodeAt(i + 1))) break;
    i++;
  }
  // Need at least "label.tld"; walk back until the last label is a plausible TLD.
  for (let n = labelEnds.length; n >= 2; n--) {
    const end = labelEnds[n - 1];
    const tld = text.slice(labelEnds[n - 2] + 1, end);
    if (TLD.test(tld)) return FILE_EXTENSIONS.has(tld.toLowerCase()) ? -1 : end;
  }
  return -1;
}

/** Finds e-mail addresses (RFC 5321 dot-atom local part, DNS domain with an alphabetic TLD). */
export const emailDetector: Detector = {
  id: 'email',
  mayMatch: (text) => text.includes('@'),
  scan(text: string, out: Finding[]) {
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      let start = at;
      while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
      if (start > 0 && isLocalChar(text.charCodeAt(start - 1))) continue; // local part longer than 64
      while (start < at && text.charCodeAt(start) === 46) start++; // "...name@" starts at the name
      if (start === at || text.charCodeAt(at - 1) === 46) continue;
      if (text.slice(start, at).includes('..')) continue;
      // "https://user:pass@host" is URL userinfo, not an address.
      if (text.charCodeAt(start - 1) === 58 /* : */ && /\/\/[^\s/@]*:$/.test(text.slice(Math.max(0, start - 80), start))) continue;
      const end = domainEnd(text, at + 1);
      if (end === -1) continue;
      // "git@github.com:org/repo.git" is an SSH remote, not a mailbox.
      if (text.charCodeAt(end) === 58 && /[\w~/]/.test(text.charAt(end + 1))) continue;
      out.push({ detector: 'email', start, end });
    }
  },
};
