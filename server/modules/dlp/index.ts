// The DLP engine's public surface: detect, redact, applyPolicies and their types. Everything else is internal.
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
