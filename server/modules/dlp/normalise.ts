// Text is normalised before detection so that formatting tricks do not hide data from the detectors:
// "４１１１", "٤١١١", "𝟒𝟏𝟏𝟏", "4111\u200B1111" and "4111\u00AD1111" are all scanned as ASCII digits.
// Findings are located in the normalised text and mapped back, so redaction replaces exactly the original span.

/** The text the detectors scan, and the way back to the text the caller gave. */
export interface NormalisedText {
  readonly text: string;
  /** The span of the original text that produced `[start, end)` of `text`. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

const NON_ASCII = /[^\x00-\x7f]/;

// What can change a character for detection: anything NFKC or its case fold changes (full-width forms, ligatures,
// mathematical digits, compatibility spaces; CWKCF also covers the default-ignorable characters: ZWSP, ZWNJ, ZWJ,
// word joiner, soft hyphen, BOM), other format characters, decimal digits of every script, dashes, and combining
// marks (which NFKC may compose with the character before them). Non-ASCII only: ASCII never changes.
const INTERESTING = /^(?![\x00-\x7f])[\p{CWKCF}\p{Cf}\p{Nd}\p{M}\u2010-\u2015\u2212\uFE58\uFE63]$/u;
// Candidates for that test, found without Unicode properties: everything but ASCII, CJK ideographs and the CJK
// punctuation NFKC keeps, so Chinese prose costs one fast scan. (No 'u' flag: an astral character shows up as its
// high surrogate, and the property test then looks at the whole code point.)
const CANDIDATE = /[^\x00-\x7f\u3001\u3002\u3008-\u3011\u4e00-\u9fff]/g;
// Full-width ASCII (what Chinese input methods type: ，：（）１３８＠) and the ideographic space map one-to-one onto
// ASCII under NFKC; folding them first, in one native pass, keeps them out of the per-character work.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const FULL_WIDTH_ALL = /[\uFF01-\uFF5E\u3000]/g;
const foldFullWidth = (c: string) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const interestingCodePoints = new Map<number, boolean>();
function isInteresting(cp: number): boolean {
  let interesting = interestingCodePoints.get(cp);
  if (interesting === undefined) {
    interesting = INTERESTING.test(String.fromCodePoint(cp));
    if (interestingCodePoints.size < 8192) interestingCodePoints.set(cp, interesting);
  }
  return interesting;
}
const REMOVED = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const MARK = /^\p{M}$/u;
const DECIMAL = /^\p{Nd}$/u;
const DASH = /^[\u2010-\u2015\u2212\uFE58\uFE63]$/;

/** A text whose offsets are the original's (nothing changed length). */
class SameOffsets implements NormalisedText {
  constructor(readonly text: string) {}
  toOriginal(start: number, end: number): { start: number; end: number } {
    return { start, end };
  }
}
const identity = (text: string): NormalisedText => new SameOffsets(text);

/**
 * A text where some clusters changed length. Each such cluster is a segment [outStart, outEnd) ← [srcStart,
 * srcEnd); between segments the text was copied, shifted by what the segments before it added or removed.
 */
class Segmented implements NormalisedText {
  constructor(
    readonly text: string,
    private readonly outStarts: number[],
    private readonly outEnds: number[],
    private readonly srcStarts: number[],
    private readonly srcEnds: number[],
  ) {}

  toOriginal(start: number, end: number): { start: number; end: number } {
    const from = this.sourceStart(start);
    return { start: from, end: end > start ? this.sourceEnd(end) : from };
  }

  /** The last segment starting at or before `pos`, or -1. */
  private segmentAt(pos: number): number {
    let lo = 0;
    let hi = this.outStarts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.outStarts[mid] <= pos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private sourceStart(pos: number): number {
    const s = this.segmentAt(pos);
    if (s === -1) return pos;
    return pos < this.outEnds[s] ? this.srcStarts[s] : pos + this.srcEnds[s] - this.outEnds[s];
  }

  private sourceEnd(pos: number): number {
    const last = pos - 1; // the last character of the span
    const s = this.segmentAt(last);
    if (s === -1) return pos;
    return last < this.outEnds[s] ? this.srcEnds[s] : pos + this.srcEnds[s] - this.outEnds[s];
  }
}

// Clusters repeat (every "，" and "：" of a Chinese prompt); NFKC per cluster is the costly part.
const clusterCache = new Map<string, string>();
const CLUSTER_CACHE_SIZE = 4096;

// Unicode allocates every decimal digit script as a contiguous run starting at its zero (mathematical digits are
// five such runs back to back), so a digit's value is its distance from the start of its run, modulo 10.
const digitValues = new Map<number, string>();
function asciiDigit(cp: number): string {
  let value = digitValues.get(cp);
  if (value === undefined) {
    let zero = cp;
    while (zero > 0 && DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
    value = String((cp - zero) % 10);
    digitValues.set(cp, value);
  }
  return value;
}

const codePointLength = (text: string, i: number) => ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
const isMarkAt = (text: string, i: number) => i < text.length && MARK.test(String.fromCodePoint(text.codePointAt(i)!));

/**
 * Widens [start, end) to a whole cluster: a mark takes the character before it (not before `floor`), and a
 * character takes the marks after it, since NFKC composes them ("e" + U+0301 is "é").
 */
function clusterAround(text: string, start: number, end: number, floor: number): [number, number] {
  if (isMarkAt(text, start)) {
    const before = start - (start >= 2 && /[\uDC00-\uDFFF]/.test(text[start - 1]) ? 2 : 1);
    if (before >= floor && !isMarkAt(text, before)) start = before;
  }
  while (isMarkAt(text, end)) end += codePointLength(text, end);
  return [start, end];
}

/** What one cluster (a character and its combining marks) becomes: NFKC, then format characters dropped, digits to ASCII, dashes to "-". */
function normaliseCluster(cluster: string): string {
  const nfkc = cluster.normalize('NFKC');
  let out = '';
  let baseIsAscii = false;
  for (const ch of nfkc) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out += ch;
      baseIsAscii = true;
    } else if (REMOVED.test(ch)) {
      // dropped
    } else if (DECIMAL.test(ch)) {
      out += asciiDigit(cp);
      baseIsAscii = true;
    } else if (DASH.test(ch)) {
      out += '-';
      baseIsAscii = true;
    } else if (MARK.test(ch)) {
      // A mark NFKC could not compose onto an ASCII character ("4\u0332", "a\u0301" stays composed as "á") is noise.
      if (!baseIsAscii) out += ch;
    } else {
      out += ch;
      baseIsAscii = false;
    }
  }
  return out;
}

/**
 * Normalises `source` for detection: Unicode NFKC (full-width ASCII, compatibility digits and spaces), format and
 * other default-ignorable characters removed, decimal digits of every script mapped to ASCII, dashes to "-", and
 * stray combining marks on ASCII characters dropped. ASCII text is returned as it is, at no cost.
 */
export function normaliseForDetection(original: string): NormalisedText {
  if (!NON_ASCII.test(original)) return identity(original);
  const source = FULL_WIDTH.test(original) ? original.replace(FULL_WIDTH_ALL, foldFullWidth) : original;
  // A cluster replaced by one of the same length (full-width "，" by ","; "٤" by "4") keeps every offset; one that
  // changes length becomes a segment of the map back.
  const outStarts: number[] = [];
  const outEnds: number[] = [];
  const srcStarts: number[] = [];
  const srcEnds: number[] = [];
  const parts: string[] = [];
  let outLength = 0;
  let copied = 0;
  let changed = false;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(source); m; m = CANDIDATE.exec(source)) {
    const cp = source.codePointAt(m.index)!;
    if (cp > 0xffff) CANDIDATE.lastIndex = m.index + 2;
    if (m.index < copied || !isInteresting(cp)) continue; // taken by the cluster before, or stays as it is
    const [start, end] = clusterAround(source, m.index, m.index + (cp > 0xffff ? 2 : 1), copied);
    const cluster = source.slice(start, end);
    let replacement = clusterCache.get(cluster);
    if (replacement === undefined) {
      replacement = normaliseCluster(cluster);
      if (clusterCache.size < CLUSTER_CACHE_SIZE) clusterCache.set(cluster, replacement);
    }
    if (replacement === cluster) continue;
    changed = true;
    parts.push(source.slice(copied, start), replacement);
    outLength += start - copied;
    if (replacement.length !== cluster.length) {
      outStarts.push(outLength);
      outEnds.push(outLength + replacement.length);
      srcStarts.push(start);
      srcEnds.push(end);
    }
    outLength += replacement.length;
    copied = end;
    CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, end);
  }
  if (!changed) return identity(source);
  parts.push(source.slice(copied));
  const text = parts.join('');
  if (outStarts.length === 0) return identity(text);
  return new Segmented(text, outStarts, outEnds, srcStarts, srcEnds);
}

// Look-alikes of Latin letters in Cyrillic and Greek, as used to dodge address filters ("exаmple.cоm").
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J',
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', υ: 'u', ι: 'i', κ: 'k', χ: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');

/**
 * Folds Cyrillic and Greek look-alikes to Latin when the result is plain ASCII ("cоm" with a Cyrillic о is "com"),
 * and leaves genuinely non-Latin words alone ("рф" stays Cyrillic). For short pieces such as a top-level domain.
 */
export function foldConfusables(word: string): string {
  if (!NON_ASCII.test(word)) return word;
  const folded = word.replace(CONFUSABLE, (c) => CONFUSABLES[c]);
  return NON_ASCII.test(folded) ? word : folded;
}
