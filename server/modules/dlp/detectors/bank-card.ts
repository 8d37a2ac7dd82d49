import { isValidCnId18, luhnValid } from '../checksums.ts';
import type { Detector, Finding, FindingKind, ScanMemo } from '../dlp.types.ts';
import { digitSequences, digitsOf, gluedWordsAllowLabel, isDecimalPart, type DigitRun } from './digit-runs.ts';

/** The card brand implied by the IIN prefix and length, or undefined when no scheme issues such a number. */
export function cardBrand(d: string): FindingKind | undefined {
  const n = d.length;
  const p2 = (d.charCodeAt(0) - 48) * 10 + d.charCodeAt(1) - 48;
  const p3 = p2 * 10 + d.charCodeAt(2) - 48;
  const p4 = p3 * 10 + d.charCodeAt(3) - 48;
  // 13-digit Visa numbers are retired, and 13 digits starting with 4 are mostly EAN-13 barcodes (German 40-44).
  if (d[0] === '4') return n === 16 || n === 19 ? 'visa' : undefined;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16 ? 'mastercard' : undefined;
  if (p2 === 34 || p2 === 37) return n === 15 ? 'amex' : undefined;
  // 622126-622925 is also accepted by Discover, but those cards are issued by UnionPay members.
  if (p2 === 62 || p2 === 81) return n >= 16 ? 'unionpay' : undefined;
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return n >= 16 ? 'discover' : undefined;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 ? 'jcb' : undefined;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 ? 'diners' : undefined;
  // Maestro, and the legacy domestic BINs still printed on older Chinese debit cards (ICBC 9558, BOC 6013...).
  if (p2 === 50 || (p2 >= 56 && p2 <= 58) || p2 === 60 || p2 === 63 || p2 === 67 || p4 === 9558 || p4 === 9559) {
    return n >= 16 ? 'maestro' : undefined;
  }
  return undefined;
}

/** A quick refusal before any window is tried: no scheme issues numbers starting with 0, 1 or 7. */
function mayStartCard(firstDigit: number): boolean {
  return firstDigit !== 48 && firstDigit !== 49 && firstDigit !== 55;
}

function accept(digits: string): FindingKind | undefined {
  const brand = cardBrand(digits);
  if (!brand || !luhnValid(digits)) return undefined;
  // An 18-digit resident ID from Gansu (62) or Fujian (35) can pass Luhn by chance; the ID reading wins.
  return digits.length === 18 && isValidCnId18(digits) ? undefined : brand;
}

/**
 * How a card number is split into groups: all groups but the last of one length (1 to 6 digits: "4111 1111 1111
 * 1111", "4111 1111 1111 1111 128", one digit per group) with a last group no longer, or the 4-6-4/4-6-5 of Amex
 * and Diners. A UUID's 8-4-4 or a date-time's 4-2-2-2 is not a card, whatever its check digit says.
 */
function cardGrouping(seq: readonly DigitRun[], from: number, to: number): boolean {
  if (from === to) return true;
  const first = runLength(seq[from]);
  const last = runLength(seq[to]);
  if (to - from === 2 && first === 4 && runLength(seq[from + 1]) === 6 && (last === 4 || last === 5)) return true;
  return first <= 6 && seq[to - 1].sameLengthFrom <= from && last <= first;
}

function runLength(run: DigitRun): number {
  return run.end - run.start;
}

/** The longest card number that starts at run `from`: its last run and brand, or undefined. */
function cardAt(text: string, runs: readonly DigitRun[], from: number): { to: number; kind: FindingKind } | undefined {
  if (!mayStartCard(text.charCodeAt(runs[from].start))) return undefined;
  let to = from;
  let digits = 0;
  while (to < runs.length && digits + runLength(runs[to]) <= 19) digits += runLength(runs[to++]);
  if (digits < 13) return undefined;
  const all = digitsOf(text, runs, from, to - 1);
  // Longest first, so a 19-digit card is not cut to a Luhn-valid 16-digit prefix and leaks no digits.
  for (to--; to >= from && digits >= 13; digits -= runLength(runs[to]), to--) {
    if (!cardGrouping(runs, from, to)) continue;
    const { start } = runs[from];
    const { end } = runs[to];
    if (from === to && isDecimalPart(text, start, end)) continue;
    if (!gluedWordsAllowLabel(text, start, end)) continue;
    const kind = accept(all.slice(0, digits));
    if (kind) return { to, kind };
  }
  return undefined;
}

/**
 * Finds payment card numbers: 13-19 digits, plain or grouped with spaces, dots, slashes, dashes or newlines, with a
 * Luhn-valid check digit and an issuer prefix whose scheme uses that length; a label glued on ("VISA4111...") and a
 * trailing expiry ("4111111111111111-12/26") do not hide it. Well-known test numbers (4111 1111 1111 1111) are
 * reported like any card: they are indistinguishable from real ones by shape, and a policy can still allow them.
 */
export const bankCardDetector: Detector = {
  id: 'bank_card',
  mayMatch: () => true,
  scan(text: string, out: Finding[], memo?: ScanMemo) {
    for (const runs of digitSequences(text, memo)) {
      for (let from = 0; from < runs.length; from++) {
        const card = cardAt(text, runs, from);
        if (!card) continue;
        out.push({ detector: 'bank_card', kind: card.kind, start: runs[from].start, end: runs[card.to].end });
        from = card.to;
      }
    }
  },
};
