import { isValidCnId15, isValidCnId18 } from '../checksums.ts';
import type { Detector, Finding } from '../dlp.types.ts';

const CN_ID_18 = /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// Sometimes written as area, birth date, sequence: "110105 19491231 002X".
const CN_ID_GROUPED = /(?<![0-9A-Za-z]|\d[ \-])[1-9]\d{5}([ \-])(?:19|20)\d{6}\1\d{3}[\dXx](?![0-9A-Za-z]|[ \-]\d)/g;
const CN_ID_15 = /(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;

// The legacy 15-digit number has no check digit, so any 15-digit run with a plausible date would match
// (Amex numbers start with 34/37, which are also provinces). It is only reported right after an ID label.
const ID_CONTEXT = /(?:身份证|证件|公民身份|ID\s*(?:card|no\.?|number|#)|identity|NRIC)[^\n]{0,20}$/i;

/** Finds PRC resident identity numbers: 18 characters (plain or 6-8-4) with a valid MOD 11-2 check, or labelled 15-digit legacy ones. */
export const cnIdDetector: Detector = {
  id: 'cn_id',
  mayMatch: () => true,
  scan(text: string, out: Finding[]) {
    for (const m of text.matchAll(CN_ID_18)) {
      if (isValidCnId18(m[0])) out.push({ detector: 'cn_id', kind: 'cn_id_18', start: m.index, end: m.index + 18 });
    }
    for (const m of text.matchAll(CN_ID_GROUPED)) {
      if (isValidCnId18(m[0].replace(/[ \-]/g, ''))) out.push({ detector: 'cn_id', kind: 'cn_id_18', start: m.index, end: m.index + 20 });
    }
    for (const m of text.matchAll(CN_ID_15)) {
      if (isValidCnId15(m[0]) && ID_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        out.push({ detector: 'cn_id', kind: 'cn_id_15', start: m.index, end: m.index + 15 });
      }
    }
  },
};
