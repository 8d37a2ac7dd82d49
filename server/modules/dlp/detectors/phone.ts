import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Detector, Finding } from '../dlp.types.ts';

// Mainland mobile: 1[3-9]x xxxx xxxx, optional +86 / 0086 / 86, contiguous or 3-4-4 with one kind of separator.
// The look-arounds keep it from starting or ending inside a longer number, word or dotted/dashed number.
const CN_MOBILE =
  /(?<![0-9A-Za-z_.+\-]|\d-)(?:(?:\+|00)?86[ \-]?)?1[3-9]\d(?:\d{8}|([ \-])\d{4}\1\d{4})(?![0-9A-Za-z_]|[.\-]\d)/g;

// Mainland landline with its area code: 010-12345678, 0755-88886666, (021) 6123 4567. A separator is required,
// because a bare 0 + 10 digits is far more often a padded identifier than a phone number.
const CN_LANDLINE =
  /(?<![0-9A-Za-z_.+\-])(?:\((?:0(?:10|2\d|[3-9]\d\d))\) ?|0(?:10|2\d|[3-9]\d\d)-)[2-9]\d{2,3}[ \-]?\d{4}(?![0-9A-Za-z_]|[.\-]\d)/g;

// International: + (or 00) country code, then digit groups split by a space, dot, dash or a parenthesised group.
// Every repetition starts with a mandatory non-digit, so there is only one way to split a run: no backtracking blow-up.
const INTERNATIONAL = /(?<![0-9A-Za-z_+\-.])(\+|00)[1-9]\d*(?:(?:[ .\-]?\(\d{1,4}\)[ .\-]?|[ .\-])\d+)*(?![0-9A-Za-z_])/g;

// North American numbers written nationally: "(212) 555-0187", "212-555-0187", "212.555.0187", "1-212-555-0187".
// The shape alone is common (part numbers, ISBN fragments), so libphonenumber's metadata must call it a valid
// number: a real area code and exchange.
const NANP = /(?<![0-9A-Za-z_+\-.(\/]|\d[ .\-])(?:1[ .\-])?(?:\(\d{3}\) ?|\d{3}[ .\-])\d{3}[ .\-]\d{4}(?![0-9A-Za-z_]|[.\-\/][0-9A-Za-z]| \d)/g;

// Amounts and sizes are 11-digit numbers too: "营收13800000000元", "¥13912345678".
const UNIT_AFTER = /^\s?(?:元|块|万|亿|円|美元|人民币|RMB|CNY|USD|bytes?|ms\b)/i;
const CURRENCY_BEFORE = /[¥$€£]\s?$/;

function isAmount(text: string, start: number, end: number): boolean {
  return UNIT_AFTER.test(text.slice(end, end + 4)) || CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 2), start));
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function validInternational(match: string, prefix: string): boolean {
  const digits = countDigits(match) - (prefix === '00' ? 2 : 0);
  if (digits < 9 || digits > 15) return false;
  const separators = match.length - countDigits(match) - (prefix === '+' ? 1 : 0);
  if (prefix === '00') {
    // "00" + digits without any grouping is usually a zero-padded identifier, and a national number never starts
    // with the trunk 0 after the country code ("DE89 3704 0044 0532 0130 00" is an IBAN, not +44 0532...).
    if (separators < 2 || /^00\d+[ .\-(]+0/.test(match)) return false;
  }
  // The country's metadata decides: a known country code and a national number of a length it uses. A leading
  // '+' is a strong signal, so a possible number will do; "00" needs a valid one (number ranges checked too).
  if (prefix === '00') return parsePhoneNumberFromString(`+${match.slice(2)}`)?.isValid() ?? false;
  const number = match.replace(/\D/g, '');
  const code = callingCodeOf(number);
  if (code === undefined || !isPossibleNumber(code, number.slice(code.length))) return false;
  // North America: area code and exchange both start with 2-9 (real numbers; the metadata also knows which area
  // codes are assigned, but a made-up one in a prompt is still somebody's number format).
  return code !== '1' || /^[2-9]\d\d[2-9]/.test(number.slice(1));
}

// E.164 country calling codes are a prefix code: at most one of the first 1, 2 or 3 digits is a code.
const CALLING_CODES = new Set<string>(getCountries().map((country) => getCountryCallingCode(country)));
function callingCodeOf(digits: string): string | undefined {
  for (let n = 1; n <= 3; n++) if (CALLING_CODES.has(digits.slice(0, n))) return digits.slice(0, n);
  return undefined;
}

// libphonenumber's "possible" verdict depends on the calling code and the length of the national number (and
// whether it starts with the trunk 0 someone wrote as "(0)"), not on the other digits: ask it once per such
// shape. The memo holds shapes, never numbers.
const possibleShapes = new Map<string, boolean>();
function isPossibleNumber(code: string, national: string): boolean {
  const shape = `${code}:${national.length}:${national[0] === '0'}`;
  let possible = possibleShapes.get(shape);
  if (possible === undefined) {
    possible = parsePhoneNumberFromString(`+${code}${national}`)?.isPossible() ?? false;
    possibleShapes.set(shape, possible);
  }
  return possible;
}

/**
 * Finds mainland China mobile and landline numbers (our own rules), international numbers written with + or 00,
 * and North American numbers written nationally ("(212) 555-0187"); the last two are checked against
 * libphonenumber's metadata (bundled, offline).
 */
export const phoneDetector: Detector = {
  id: 'phone',
  mayMatch: () => true,
  scan(text: string, out: Finding[]) {
    for (const m of text.matchAll(CN_MOBILE)) {
      const end = m.index + m[0].length;
      if (!isAmount(text, m.index, end) && !/0{6}$/.test(m[0])) out.push({ detector: 'phone', kind: 'cn_mobile', start: m.index, end });
    }
    for (const m of text.matchAll(CN_LANDLINE)) {
      out.push({ detector: 'phone', kind: 'cn_landline', start: m.index, end: m.index + m[0].length });
    }
    for (const m of text.matchAll(NANP)) {
      if (parsePhoneNumberFromString(m[0], 'US')?.isValid()) out.push({ detector: 'phone', kind: 'international', start: m.index, end: m.index + m[0].length });
    }
    if (!text.includes('+') && !text.includes('00')) return;
    for (const m of text.matchAll(INTERNATIONAL)) {
      if (validInternational(m[0], m[1])) out.push({ detector: 'phone', kind: 'international', start: m.index, end: m.index + m[0].length });
    }
  },
};
