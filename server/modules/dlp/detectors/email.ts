import type { Detector, Finding } from '../dlp.types.ts';
import { foldConfusables } from '../normalise.ts';
import { isKnownTld, knownCjkTldAt } from './email-tlds.ts';

// Scanning outward from each '@' (instead of a regex anchored on the local part) keeps the cost linear:
// a regex like /[\w.]+@/ retries the whole run at every start, which is quadratic on 'a'.repeat(n) + '@'.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
// A Chinese name before '@' ("请联系张三@公司.中国") runs into the sentence; these characters end it.
const MAX_CJK_LOCAL = 8;
const CJK_STOP = new Set('是到给至向为和或及与在用发请系联箱件址的：:，,、（(「“'.split(''));

// How '@' is written when someone dodges address filters: "%40", "(at)", "[at]", "{at}", "<at>", " AT ", " at ".
// NFKC has already turned "＠" and "﹫" into "@".
const AT_FORMS = /@|%40|[(\[{<] ?(?:at|AT|@) ?[)\]}>]| (?:at|AT) /g;
// How '.' is written in a domain: "。" (the ideographic full stop of Chinese input methods; NFKC turned "｡" and "．"
// into "。" and "."), and spelled-out forms.
const DOT_WORD = /^(?: ?[(\[{<] ?(?:dot|DOT) ?[)\]}>] ?| (?:dot|DOT) )/;
// Prose around a spelled-out " at ": "look at example.com" is not an address, "write to li.na at example.com" is.
const PROSE_BEFORE_AT = new Set([
  'look', 'looking', 'looked', 'me', 'us', 'him', 'her', 'them', 'it', 'is', 'are', 'was', 'were', 'be', 'been', 'here', 'there',
  'available', 'hosted', 'live', 'found', 'located', 'published', 'posted', 'see', 'visit', 'arrive', 'arrived', 'stay', 'stayed',
  'meet', 'met', 'work', 'works', 'worked', 'working', 'email', 'mail', 'docs', 'documentation', 'site', 'page', 'online', 'up', 'out',
  'back', 'home', 'and', 'or', 'the', 'a', 'an', 'we', 'i', 'you', 'they', 'he', 'she', 'that', 'this', 'which', 'what', 'only',
]);
const ADDRESS_CUE = /(?:e-?mail|mail|contact|reach|write to|address|邮箱|邮件|地址)[^\n]{0,40}$/i;

function isAsciiLocal(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 46 /* . */ || c === 95 /* _ */ || c === 37 /* % */ || c === 43 /* + */ || c === 45 /* - */
  );
}
function isAsciiLabel(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}
const LETTER_OR_DIGIT = /^[\p{L}\p{M}\p{N}]$/u;
/** Han, kana and Hangul: scripts written without spaces, where a name runs straight into the sentence. */
function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}
/** A letter of an internationalised (RFC 6531) address outside the CJK scripts: é, ü, Cyrillic, Greek... */
function isOtherLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x80 && !isCjk(c) && !(c >= 0xd800 && c <= 0xdfff) && LETTER_OR_DIGIT.test(text[i]);
}
function isCjkLetter(text: string, i: number): boolean {
  return isCjk(text.charCodeAt(i)) && LETTER_OR_DIGIT.test(text[i]);
}
function isLocal(text: string, i: number): boolean {
  return isAsciiLocal(text.charCodeAt(i)) || isOtherLetter(text, i);
}

/** Start of the local part ending at `end`, or -1. */
function localStart(text: string, end: number): number {
  if (end === 0) return -1;
  if (isCjkLetter(text, end - 1)) {
    let start = end;
    while (start > 0 && end - start < MAX_CJK_LOCAL && isCjkLetter(text, start - 1) && !CJK_STOP.has(text[start - 1])) start--;
    return start === end ? -1 : start;
  }
  let start = end;
  while (start > 0 && end - start < MAX_LOCAL && isLocal(text, start - 1)) start--;
  if (start > 0 && isLocal(text, start - 1)) return -1; // local part longer than 64
  while (start < end && text.charCodeAt(start) === 46) start++; // "...name@" starts at the name
  if (start === end || text.charCodeAt(end - 1) === 46 || text.slice(start, end).includes('..')) return -1;
  return start;
}

interface Domain {
  end: number;
  /** The domain spelled a dot out ("example dot com"). */
  dotWords: boolean;
}

/** The end of a domain starting at `from`, or undefined. Drops trailing labels that are not a TLD. */
function domainAt(text: string, from: number, strict: boolean): Domain | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let dotWords = false;
  let i = from;
  const limit = Math.min(text.length, from + MAX_DOMAIN);
  for (;;) {
    const labelStart = i;
    if (i < limit && isCjkLetter(text, i)) {
      while (i < limit && i - labelStart < 63 && isCjkLetter(text, i)) i++;
    } else {
      while (i < limit && (isAsciiLabel(text.charCodeAt(i)) || isOtherLetter(text, i))) i++;
      // A label may not start or end with a hyphen; stop the domain before such a label.
      if (text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) break;
    }
    if (i === labelStart) break;
    starts.push(labelStart);
    ends.push(i);
    const c = text.charCodeAt(i);
    let next = -1;
    if (c === 46 /* . */) next = i + 1;
    // "me@example.com。谢谢" ends a Chinese sentence; only a CJK label may follow an ideographic full stop.
    else if (c === 0x3002) next = i + 1; // "example。com"; whether a sentence just ended there is the TLD check's call
    else if (c === 32 || c === 40 || c === 91 || c === 123 || c === 60) {
      const word = DOT_WORD.exec(text.slice(i, i + 9));
      if (word) {
        next = i + word[0].length;
        dotWords = true;
      }
    }
    if (next === -1 || next >= limit) break;
    const n = text.charCodeAt(next);
    if (!(isAsciiLabel(n) || isOtherLetter(text, next) || isCjkLetter(text, next))) break;
    i = next;
  }
  // Need at least "label.tld"; walk back until the last label is a plausible TLD.
  for (let n = ends.length; n >= 2; n--) {
    const end = tldEnd(text, starts[n - 1], ends[n - 1], strict);
    if (end !== -1) return { end, dotWords };
  }
  return undefined;
}

// Retina asset names (icon@2x.png) look like addresses; these "TLDs" are file extensions in practice.
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'avif']);
const ASCII_TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/i;
const IDN_TLD = /^\p{L}[\p{L}\p{M}]{1,62}$/u;

/** Where the TLD label [start, end) ends, or -1 when it is not one. `strict`: only registered-looking TLDs. */
function tldEnd(text: string, start: number, end: number, strict: boolean): number {
  // An ideographic full stop ends a Chinese sentence more often than it separates labels ("me@example.com。谢谢",
  // "me@example.com。Thanks"): what follows it must be a registered TLD, and a CJK one only after a CJK label.
  const afterSentenceStop = text.charCodeAt(start - 1) === 0x3002;
  if (isCjkLetter(text, start)) {
    if (afterSentenceStop && !isCjkLetter(text, start - 2)) return -1;
    // A CJK label runs on into the sentence ("公司.中国请回复"): take a known CJK TLD at its start.
    const len = knownCjkTldAt(text, start, end);
    return len > 0 ? start + len : -1;
  }
  const tld = foldConfusables(text.slice(start, end));
  if (ASCII_TLD.test(tld)) {
    if (FILE_EXTENSIONS.has(tld.toLowerCase())) return -1;
    return !(strict || afterSentenceStop) || isKnownTld(tld.toLowerCase()) ? end : -1;
  }
  return IDN_TLD.test(tld) ? end : -1;
}

const DOT_LIKE = new Set([46 /* . */, 0x3002 /* 。 */, 32, 40, 91, 123, 60 /* " dot ", "(dot)", "[dot]", "{dot}", "<dot>" */]);

/** Whether a domain label starts at `i` and is followed by a dot or something that may spell one. */
function labelThenDot(text: string, i: number): boolean {
  const start = i;
  const limit = Math.min(text.length, i + 63);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (!(isAsciiLabel(c) || (c >= 0x80 && (isOtherLetter(text, i) || isCjkLetter(text, i))))) break;
    i++;
  }
  return i > start && DOT_LIKE.has(text.charCodeAt(i));
}

interface AtMarker {
  start: number;
  end: number;
  /** Written some other way than a bare '@' between the parts: only registered-looking TLDs count. */
  strict: boolean;
  /** A spelled-out lowercase " at ", which needs more evidence. */
  word: boolean;
}

function markerOf(text: string, m: RegExpExecArray): AtMarker {
  let start = m.index;
  let end = start + m[0].length;
  const spelled = m[0] !== '@';
  // Spaces around the marker: "name @ example.com", "name (at) example.com".
  let spaced = false;
  if (m[0] === '@' || m[0][0] !== ' ') {
    for (let k = 0; k < 2 && text.charCodeAt(start - 1) === 32; k++, spaced = true) start--;
    for (let k = 0; k < 2 && text.charCodeAt(end) === 32; k++, spaced = true) end++;
  }
  return { start, end, strict: spelled || spaced, word: m[0] === ' at ' };
}

/**
 * Finds e-mail addresses: an RFC 5321 or internationalised (RFC 6531) local part, and a DNS or IDN domain with an
 * alphabetic TLD ("张三@公司.中国"). Also finds them written to dodge filters: spaces around '@', "%40", "(at)",
 * "[at]", " at ", "(dot)", "。", Cyrillic or Greek look-alike letters; those need a registered-looking TLD.
 */
export const emailDetector: Detector = {
  id: 'email',
  mayMatch: (text) => text.includes('@') || text.includes('%40') || /at|AT/.test(text),
  scan(text: string, out: Finding[]) {
    AT_FORMS.lastIndex = 0;
    let lastEnd = -1;
    for (let m = AT_FORMS.exec(text); m; m = AT_FORMS.exec(text)) {
      const at = markerOf(text, m);
      if (at.start < lastEnd) continue;
      // A quick refusal for prose and runs of '@': a label must follow the marker, then something that can be a dot.
      if (!labelThenDot(text, at.end)) continue;
      const start = localStart(text, at.start);
      if (start === -1) continue;
      if (inUrlUserinfo(text, at.start)) continue;
      const domain = domainAt(text, at.end, at.strict);
      if (!domain) continue;
      if (at.word && !plausibleSpelledAddress(text, start, at.start, domain)) continue;
      // "git@github.com:org/repo.git" is an SSH remote, not a mailbox.
      if (text.charCodeAt(domain.end) === 58 && /[\w~/]/.test(text.charAt(domain.end + 1))) continue;
      out.push({ detector: 'email', start, end: domain.end });
      lastEnd = domain.end;
      AT_FORMS.lastIndex = Math.max(AT_FORMS.lastIndex, domain.end);
    }
  },
};

/** "https://user:pass@host", "mongodb+srv://svc:p!w@cluster": the '@' ends a URL's userinfo, not an address. */
function inUrlUserinfo(text: string, at: number): boolean {
  let tokenStart = at;
  while (tokenStart > 0 && at - tokenStart < 200 && text.charCodeAt(tokenStart - 1) > 32) tokenStart--;
  const token = text.slice(tokenStart, at);
  const scheme = token.indexOf('://');
  return scheme !== -1 && !token.includes('/', scheme + 3);
}

/** " at " is everyday English: it only makes an address with an address-like name, a spelled-out dot or a cue. */
function plausibleSpelledAddress(text: string, start: number, end: number, domain: Domain): boolean {
  const local = text.slice(start, end);
  if (PROSE_BEFORE_AT.has(local.toLowerCase())) return false;
  // "li.na at", "bob_2 at" look like mailbox names; "RFC 5321 at" does not.
  const addressLike = /[._+\-]/.test(local) || (/\d/.test(local) && /[A-Za-z]/.test(local));
  return addressLike || domain.dotWords || ADDRESS_CUE.test(text.slice(Math.max(0, start - 48), start));
}
