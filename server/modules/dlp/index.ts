/**
 * DLP detection engine: pure, synchronous, no I/O. The public surface is `detect`, `redact` and `applyPolicies`.
 *
 * Decisions callers should know:
 * - Findings hold offsets, never the matched text; hit records hold counts. Do not log `text.slice(start, end)`.
 * - Full-width ASCII (１３８, ＠) is folded before scanning; offsets still point into the original text.
 * - A finding inside another is dropped (the phone in "13812345678@qq.com" is part of the e-mail address).
 * - International phones need a leading + or 00; bare national numbers other than mainland China's are not reported.
 * - Well-known test card numbers (4111 1111 1111 1111) are cards; an 18-digit number that is a valid resident ID is
 *   reported as cn_id, not bank_card. 13-digit Visa is not reported (mostly EAN-13 barcodes today).
 * - The 40-character AWS secret key is only reported next to an AWS/secret-key label; provider keys by their prefix.
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
