import { IBAN_LENGTHS, ibanMod97 } from '../checksums.ts';
import type { Detector, Finding } from '../dlp.types.ts';

// Country, check digits, then the BBAN in groups of four (optionally space-separated) and a short tail.
// Groups have a fixed width, so a run can be split only one way.
// Case-insensitive: the electronic form is sometimes pasted in lower case; the length table and mod-97 carry precision.
const CANDIDATE = /(?<![0-9A-Za-z])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![0-9A-Za-z])/gi;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Finds IBANs in print (groups of four) or electronic (compact) form, any case: known country, registered length, mod-97. */
export const ibanDetector: Detector = {
  id: 'iban',
  mayMatch: () => true,
  scan(text: string, out: Finding[]) {
    for (const m of text.matchAll(CANDIDATE)) {
      const expected = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
      if (expected === undefined) continue;
      // The print form may run into a following group of digits; cut at the registered length if that is a group edge.
      let count = 0;
      let end = m.index;
      const stop = m.index + m[0].length;
      while (end < stop && count < expected) {
        if (text.charCodeAt(end) !== 32) count++;
        end++;
      }
      if (count !== expected || (end < stop && isAlnum(text.charCodeAt(end)))) continue;
      const compact = text.slice(m.index, end).replace(/ /g, '').toUpperCase();
      if (ibanMod97(compact) === 1) out.push({ detector: 'iban', start: m.index, end });
    }
  },
};
