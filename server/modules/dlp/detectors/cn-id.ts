import { isValidCnId15, isValidCnId18 } from '../checksums.ts';
import type { Detector, Finding, ScanMemo } from '../dlp.types.ts';
import { digitSequences, digitsOf, gluedWordsAllowLabel, isDecimalPart } from './digit-runs.ts';

const CN_ID_15 = /(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;

// The legacy 15-digit number has no check digit, so any 15-digit run with a plausible date would match
// (Amex numbers start with 34/37, which are also provinces). It is only reported right after an ID label.
const ID_CONTEXT = /(?:身份证|证件|公民身份|ID\s*(?:card|no\.?|number|#)|identity|NRIC)[^\n]{0,20}$/i;

/**
 * Finds PRC resident identity numbers: 18 characters with a valid MOD 11-2 check, written whole or in groups
 * (6-8-4, 6-4-4-4, any split by spaces, dots, slashes, dashes or newlines), with a label glued on or not
 * ("ID11010519491231002X"); and labelled 15-digit legacy ones.
 */
export const cnIdDetector: Detector = {
  id: 'cn_id',
  mayMatch: () => true,
  scan(text: string, out: Finding[], memo?: ScanMemo) {
    for (const seq of digitSequences(text, memo)) {
      for (let from = 0; from < seq.length; from++) {
        let digits = 0;
        let to = from;
        for (; to < seq.length && digits < 17; to++) digits += seq[to].end - seq[to].start;
        to--;
        // 17 digits and the check character X, or 18 digits, ending with a whole run.
        const end = seq[to].end;
        const checkX = digits === 17 && (text[end] === 'X' || text[end] === 'x');
        if (!(digits === 18 || checkX)) continue;
        const id = digitsOf(text, seq, from, to) + (checkX ? 'X' : '');
        const idEnd = end + (checkX ? 1 : 0);
        if (from === to && isDecimalPart(text, seq[from].start, idEnd)) continue;
        if (!gluedWordsAllowLabel(text, seq[from].start, idEnd)) continue;
        if (!isValidCnId18(id)) continue;
        out.push({ detector: 'cn_id', kind: 'cn_id_18', start: seq[from].start, end: idEnd });
        from = to;
      }
    }
    for (const m of text.matchAll(CN_ID_15)) {
      if (isValidCnId15(m[0]) && ID_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index))) {
        out.push({ detector: 'cn_id', kind: 'cn_id_15', start: m.index, end: m.index + 15 });
      }
    }
  },
};
