import type { ScanMemo } from '../dlp.types.ts';

// Card and ID numbers are written in many ways: "4111 1111 1111 1111", "4111.1111.1111.1111", "4111/1111/...",
// double or mixed spaces, one group per line, "4111111111111111-12/26", "VISA4111111111111111", "acct_4111...".
// Instead of one regex per format, the detectors read the text as runs of digits joined by short separators and
// try every window of whole runs; the check digit (Luhn, MOD 11-2) then decides. Linear: each window is bounded.

/** A maximal run of ASCII digits. */
export interface DigitRun {
  start: number;
  end: number;
  /** Index (in its sequence) of the first of the equal-length runs that this one ends: [4111, 1111, 1111] → 0. */
  sameLengthFrom: number;
}

// Digit runs joined by up to three of space, tab, newline, '.', '/', '-', '_' ("4111 - 1111", "4111\r\n1111").
// The regex only finds stretches of digits and separators at least 13 characters long, so the many short numbers
// of ordinary prose cost no match object, and tries each stretch once, from its first digit (no digit within the
// four characters before); the stretch is then cut where a gap is longer than three characters.
const MAX_GAP = 3;
const STRETCH = /(?<!\d[ \t\r\n.\/\-_]{0,3})\d[\d \t\r\n.\/\-_]{11,}\d/g;

/** The fewest digits a sequence needs to hold a card number (13) or anything else the detectors look for. */
const MIN_DIGITS = 13;

/**
 * Sequences of digit runs joined by separators, with at least 13 digits in all: "Tel 010-1234, card 4111
 * 1111 1111 1111" gives [[4111, 1111, 1111, 1111]]. Each run knows where the block of equal-length runs it ends began.
 */
export function digitSequences(text: string, memo?: ScanMemo): readonly DigitRun[][] {
  let sequences = memo?.get('digitSequences') as DigitRun[][] | undefined;
  if (!sequences) {
    sequences = findSequences(text, MIN_DIGITS);
    memo?.set('digitSequences', sequences);
  }
  return sequences;
}

function findSequences(text: string, minDigits: number): DigitRun[][] {
  const out: DigitRun[][] = [];
  STRETCH.lastIndex = 0;
  for (let m = STRETCH.exec(text); m; m = STRETCH.exec(text)) {
    const end = m.index + m[0].length;
    let runs: DigitRun[] = [];
    let digits = 0;
    for (let i = m.index; i < end; ) {
      const start = i;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
      const index = runs.length;
      const prev = runs[index - 1];
      const same = prev !== undefined && prev.end - prev.start === i - start;
      runs.push({ start, end: i, sameLengthFrom: same ? prev.sameLengthFrom : index });
      digits += i - start;
      const gapStart = i;
      while (i < end && !isDigit(text.charCodeAt(i))) i++;
      if (i - gapStart > MAX_GAP) {
        if (digits >= minDigits) out.push(runs);
        runs = [];
        digits = 0;
      }
    }
    if (digits >= minDigits) out.push(runs);
  }
  return out;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexLetter(c: number): boolean {
  return (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * Whether the letters glued to a number are a label ("VISA4111...", "ID1101...", "acct_4111", "4111...exp")
 * rather than the rest of an identifier: no other digits in the word, and not a long hex string.
 * `from` and `to` bound the number; `tail` characters after `to` belong to it (an ID's check character X).
 */
export function gluedWordsAllowLabel(text: string, from: number, to: number): boolean {
  let left = from;
  while (left > 0 && isWordChar(text.charCodeAt(left - 1))) left--;
  let right = to;
  while (right < text.length && isWordChar(text.charCodeAt(right))) right++;
  if (left === from && right === to) return true;
  let hexOnly = true;
  for (let i = left; i < from; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) return false;
    if (!isHexLetter(c)) hexOnly = false;
  }
  for (let i = to; i < right; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) return false;
    if (!isHexLetter(c)) hexOnly = false;
  }
  // A hash that happens to hold a long run of digits ("deadbeef4111...cafe").
  return !(hexOnly && right - left >= 24);
}

/** A number right after a decimal point or comma ("0.4532015112830366"), or before a decimal point, is a fraction. */
export function isDecimalPart(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  return ((before === 46 || before === 44) && isDigit(text.charCodeAt(start - 2))) || (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1)));
}

/** The digits of runs [from, to] of `seq`, without separators. */
export function digitsOf(text: string, seq: readonly DigitRun[], from: number, to: number): string {
  let s = '';
  for (let i = from; i <= to; i++) s += text.slice(seq[i].start, seq[i].end);
  return s;
}
