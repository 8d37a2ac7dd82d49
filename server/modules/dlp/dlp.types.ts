/** The kinds of sensitive data the DLP engine can find. */
export type DetectorId = 'email' | 'phone' | 'cn_id' | 'bank_card' | 'iban' | 'ip_address' | 'secret';

/** Every detector, in the order results are reported. */
export const DETECTOR_IDS: readonly DetectorId[] = ['email', 'phone', 'cn_id', 'bank_card', 'iban', 'ip_address', 'secret'];

/** The flavour of secret found by the `secret` detector. */
export type SecretKind =
  | 'private_key'
  | 'aws_access_key'
  | 'aws_secret_key'
  | 'openai_key'
  | 'anthropic_key'
  | 'github_token'
  | 'slack_token'
  | 'google_api_key'
  | 'stripe_key'
  | 'jwt'
  | 'zero_gateway_key'
  | 'zero_gateway_session'
  | 'gitlab_token'
  | 'npm_token'
  | 'pypi_token'
  | 'huggingface_token'
  | 'sendgrid_key'
  | 'slack_webhook'
  | 'cloud_access_key'
  | 'vendor_token'
  /** A value assigned to a key-, token- or secret-named variable (`export TOKEN=…`, `api_key = "…"`). */
  | 'generic_secret'
  /** A value assigned to a password-named variable or flag (`password: …`, `DB_PASS=…`, `--password=…`). */
  | 'password'
  /** The credential of an `Authorization: Bearer …` header. */
  | 'bearer_token';

/** A finer label for a finding: the secret kind, card brand, phone format, IP version or ID format. */
export type FindingKind =
  | SecretKind
  | 'cn_mobile'
  | 'cn_landline'
  | 'international'
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'unionpay'
  | 'jcb'
  | 'discover'
  | 'diners'
  | 'maestro'
  | 'ipv4'
  | 'ipv6'
  | 'cn_id_18'
  | 'cn_id_15';

/**
 * One piece of sensitive data, located by UTF-16 offsets into the scanned text (`text.slice(start, end)`).
 * It deliberately carries no copy of the matched text: findings may be logged, the data they point at may not.
 */
export interface Finding {
  detector: DetectorId;
  kind?: FindingKind;
  start: number;
  end: number;
}

/** What a policy does with a detector's findings, from least to most strict. */
export type DlpAction = 'allow' | 'log' | 'redact' | 'block';

/** Work more than one detector needs, done once per `detect` call and dropped with it. */
export type ScanMemo = Map<string, unknown>;

/**
 * A detector is a plain object: a name, a cheap pre-check and a scan.
 * `scan` receives the normalised text (see `normaliseForDetection`); the engine maps its offsets back.
 */
export interface Detector {
  readonly id: DetectorId;
  /** False when the text cannot contain a match (a trigger character is absent); lets the engine skip `scan`. */
  mayMatch(text: string): boolean;
  /**
   * Appends findings in any order; the engine sorts and de-duplicates. Must run in linear time.
   * `memo` holds work that several detectors share (the text's digit runs), for this one scan only.
   */
  scan(text: string, out: Finding[], memo?: ScanMemo): void;
}
