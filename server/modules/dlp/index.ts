/**
 * DLP detection engine: pure, synchronous, no I/O. The public surface is `detect`, `redact` and `applyPolicies`.
 *
 * Decisions callers should know:
 * - Findings hold offsets, never the matched text; hit records hold counts. Do not log `text.slice(start, end)`.
 * - Text is normalised before scanning (NFKC, zero-width and other format characters removed, every script's
 *   decimal digits as ASCII, dashes as "-"); findings are mapped back, so offsets point into the original text and
 *   cover every character of the match, hidden ones included. ASCII text skips this.
 * - Cards and IDs are read as digit runs with separators (spaces, dots, slashes, dashes, newlines) and may have a
 *   label glued on ("VISA4111...", "ID1101..."); the check digit decides, and the label stays outside the span.
 * - E-mail addresses may be internationalised (张三@公司.中国) or written to dodge filters ("%40", "(at)", " @ ",
 *   "。", look-alike letters); the dodged forms need a registered-looking TLD.
 * - A finding inside another is dropped (the phone in "13812345678@qq.com" is part of the e-mail address).
 * - International phones need a leading + or 00 and a length libphonenumber-js calls possible; North American numbers
 *   written nationally ("(212) 555-0187") must be valid by its metadata; other bare national numbers than mainland
 *   China's are not reported.
 * - Well-known test card numbers (4111 1111 1111 1111) are cards; an 18-digit number that is a valid resident ID is
 *   reported as cn_id, not bank_card. 13-digit Visa is not reported (mostly EAN-13 barcodes today).
 * - The 40-character AWS secret key is only reported next to an AWS/secret-key label; provider keys by their prefix;
 *   other credentials by the name they are assigned to (`export TOKEN=…`, `api_key = "…"`, `password: …`), when the
 *   value is random enough (or, for passwords, password-like) and not a reference or placeholder.
 * - Four-part dotted numbers after a version or section word are not IP addresses.
 */
export { detect } from './detect.ts';
export { redact, defaultPlaceholder, type Placeholder } from './redact.ts';
export { applyPolicies, type DlpPolicies, type DlpHit, type DlpResult, type ApplyPoliciesOptions } from './policy.ts';
export {
  DETECTOR_IDS,
  type DetectorId,
  type DlpAction,
  type Finding,
  type FindingKind,
  type SecretKind,
} from './dlp.types.ts';
