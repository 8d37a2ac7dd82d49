import { isValidCnId18, luhnValid } from '../checksums.ts';
import type { Detector, Finding, FindingKind } from '../dlp.types.ts';

// Contiguous 13-19 digits, not inside a longer number, word or dotted/dashed number.
const CONTIGUOUS = /(?<![0-9A-Za-z_.\-])\d{13,19}(?![0-9A-Za-z_]|[.\-]\d)/g;
// Grouped with one kind of separator: 4-4-4-(1..4)(-1..3) (Visa, MC, UnionPay 19) or 4-6-4/5 (Amex, Diners).
// It must not start in the middle of a grouped run ("9400 1000 0000 0000 0000").
const GROUPED =
  /(?<![0-9A-Za-z_.\-]|\d[ \-])(?:(\d{4}([ \-])\d{4}\2\d{4}\2\d{1,4})(\2\d{1,3})?|\d{4}([ \-])\d{6}\4\d{4,5})(?![0-9A-Za-z_]|[.\-]\d)/g;

/** The card brand implied by the IIN prefix and length, or undefined when no scheme issues such a number. */
export function cardBrand(d: string): FindingKind | undefined {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
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

function accept(digits: string): FindingKind | undefined {
  if (!luhnValid(digits)) return undefined;
  // An 18-digit resident ID from Gansu (62) or Fujian (35) can pass Luhn by chance; the ID reading wins.
  if (digits.length === 18 && isValidCnId18(digits)) return undefined;
  return cardBrand(digits);
}

/**
 * Finds payment card numbers: 13-19 digits, plain or grouped, with a Luhn-valid check digit and an issuer prefix
 * whose scheme uses that length. Well-known test numbers (4111 1111 1111 1111) are reported like any card:
 * they are indistinguishable from real ones by shape, and a policy can still allow them.
 */
export const bankCardDetector: Detector = {
  id: 'bank_card',
  mayMatch: () => true,
  scan(text: string, out: Finding[]) {
    for (const m of text.matchAll(CONTIGUOUS)) {
      const kind = accept(m[0]);
      if (kind) out.push({ detector: 'bank_card', kind, start: m.index, end: m.index + m[0].length });
    }
    for (const m of text.matchAll(GROUPED)) {
      // A trailing short group may be the start of an expiry or CVV ("4111 1111 1111 1111 12/26"): retry without it.
      const candidates = m[3] ? [m[0], m[1]] : [m[0]];
      for (const c of candidates) {
        const kind = accept(c.replace(/[ \-]/g, ''));
        if (kind) {
          out.push({ detector: 'bank_card', kind, start: m.index, end: m.index + c.length });
          break;
        }
      }
    }
  },
};
