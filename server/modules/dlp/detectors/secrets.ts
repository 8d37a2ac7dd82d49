import type { Detector, Finding, SecretKind } from '../dlp.types.ts';
import { scanAssignments } from './secret-assignments.ts';

interface TokenPattern {
  kind: SecretKind | ((match: RegExpMatchArray) => SecretKind);
  /** A literal every match contains (or one of several); the pattern is skipped when none is present. */
  trigger: string | readonly string[];
  re: RegExp;
  /** Structural check beyond the regex (entropy, decoded header, context). */
  valid?: (match: string, text: string, index: number) => boolean;
}

// Placeholders in docs and code ("sk-xxxxxxxxxxxxxxxxxxxx", "sk-your-key-here-0000") have low variety.
function looksRandom(body: string, minDistinct: number): boolean {
  return /\d/.test(body) && /[A-Za-z]/.test(body) && new Set(body).size >= minDistinct;
}

function isJwtHeader(segment: string): boolean {
  try {
    const header = Buffer.from(segment, 'base64url').toString('utf8');
    return header.startsWith('{') && /"(?:alg|typ|kid|enc)"/.test(header);
  } catch {
    return false;
  }
}

// The 40-character AWS secret has no prefix; only its label gives it away ("aws_secret_access_key = ...",
// "SecretAccessKey: ...", "AWS secret: ..."). A bare "the secret is <path>" is not enough.
const AWS_CONTEXT = /aws|secret[_ \-]?(?:access[_ \-]?)?key|secret\s*[:=：]/i;
// Docs placeholders ("AKIAXXXXXXXXXXXXXXXX", "ghp_xxxx...") repeat a few characters; random tokens do not.
const varied = (m: string) => new Set(m).size >= 10;

// Each pattern is anchored at a token start (look-behind) so a long run is tried once, not at every offset.
const PATTERNS: TokenPattern[] = [
  { kind: 'aws_access_key', trigger: ['AKIA', 'ASIA'], re: /(?<![0-9A-Za-z])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g, valid: varied },
  {
    kind: 'aws_secret_key',
    trigger: '',
    re: /(?<![0-9A-Za-z/+])[0-9A-Za-z/+]{40}(?![0-9A-Za-z/+=])/g,
    // 40 base64 characters are only a secret next to its label; mixed case also rules out hex SHA-1 digests.
    valid: (m, text, i) =>
      /[a-z]/.test(m) && /[A-Z]/.test(m) && /\d/.test(m) && !m.includes('//') && (m.match(/[/+]/g)?.length ?? 0) <= 4 &&
      AWS_CONTEXT.test(text.slice(Math.max(0, i - 80), i)),
  },
  {
    kind: (m) => (m[1] === 'ant-' ? 'anthropic_key' : 'openai_key'),
    trigger: 'sk-',
    re: /(?<![0-9A-Za-z_\-])sk-(ant-|proj-|svcacct-|admin-)?[0-9A-Za-z_\-]{20,}/g,
    valid: (m) => looksRandom(m.slice(3), 12),
  },
  { kind: 'stripe_key', trigger: ['k_live_', 'k_test_'], re: /(?<![0-9A-Za-z_])[sr]k_(?:live|test)_[0-9A-Za-z]{20,}/g, valid: (m) => looksRandom(m, 12) },
  { kind: 'github_token', trigger: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], re: /(?<![0-9A-Za-z_])gh[pousr]_[0-9A-Za-z]{36,251}(?![0-9A-Za-z_])/g, valid: varied },
  // Fine-grained personal access tokens: github_pat_ + 22 + '_' + 59 today; older and test ones are shorter.
  { kind: 'github_token', trigger: 'github_pat_', re: /(?<![0-9A-Za-z_])github_pat_[0-9A-Za-z_]{22,255}/g, valid: varied },
  { kind: 'slack_token', trigger: 'xox', re: /(?<![0-9A-Za-z_])xox[abprse]-[0-9A-Za-z\-]{20,}/g, valid: (m) => looksRandom(m, 8) },
  { kind: 'slack_token', trigger: 'xapp-', re: /(?<![0-9A-Za-z_])xapp-\d-[0-9A-Za-z\-]{20,}/g, valid: (m) => looksRandom(m, 8) },
  { kind: 'slack_webhook', trigger: 'hooks.slack.com', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_\/]{20,}/g },
  { kind: 'gitlab_token', trigger: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glsoat-', 'glcbt-', 'glft-', 'glimt-', 'gloas-', 'glagent-'], re: /(?<![0-9A-Za-z_])gl(?:pat|dt|rt|ptt|soat|cbt|ft|imt|oas|agent)-[0-9A-Za-z_\-]{20,}/g, valid: varied },
  { kind: 'npm_token', trigger: 'npm_', re: /(?<![0-9A-Za-z_])npm_[0-9A-Za-z]{36}(?![0-9A-Za-z])/g, valid: varied },
  { kind: 'pypi_token', trigger: 'pypi-', re: /(?<![0-9A-Za-z_])pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_\-]{50,}/g },
  { kind: 'huggingface_token', trigger: 'hf_', re: /(?<![0-9A-Za-z_])hf_[0-9A-Za-z]{30,40}(?![0-9A-Za-z])/g, valid: varied },
  { kind: 'sendgrid_key', trigger: 'SG.', re: /(?<![0-9A-Za-z_])SG\.[0-9A-Za-z_\-]{20,24}\.[0-9A-Za-z_\-]{39,50}/g, valid: varied },
  // Alibaba Cloud (LTAI...) and Tencent Cloud (AKID...) access key ids.
  { kind: 'cloud_access_key', trigger: 'LTAI', re: /(?<![0-9A-Za-z])LTAI[0-9A-Za-z]{12,24}(?![0-9A-Za-z])/g, valid: (m) => looksRandom(m.slice(4), 8) },
  { kind: 'cloud_access_key', trigger: 'AKID', re: /(?<![0-9A-Za-z])AKID[0-9A-Za-z]{32}(?![0-9A-Za-z])/g, valid: (m) => looksRandom(m.slice(4), 10) },
  // Vendors with a fixed prefix (one pattern each, so the prefix check skips the absent ones).
  { kind: 'vendor_token', trigger: ['shpat_', 'shpss_', 'shpca_', 'shppa_'], re: /(?<![0-9A-Za-z_])(?:shp(?:at|ss|ca|pa)_[0-9a-fA-F]{32})(?![0-9A-Za-z_])/g, valid: varied }, // Shopify
  { kind: 'vendor_token', trigger: '_v1_', re: /(?<![0-9A-Za-z_])(?:do[opr]_v1_[0-9a-f]{64})(?![0-9A-Za-z_])/g, valid: varied }, // DigitalOcean
  { kind: 'vendor_token', trigger: 'dapi', re: /(?<![0-9A-Za-z_])(?:dapi[0-9a-f]{32})(?![0-9A-Za-z_])/g, valid: varied }, // Databricks
  { kind: 'vendor_token', trigger: 'lin_api_', re: /(?<![0-9A-Za-z_])(?:lin_api_[0-9A-Za-z]{40})(?![0-9A-Za-z_])/g, valid: varied }, // Linear
  { kind: 'vendor_token', trigger: 'PMAK-', re: /(?<![0-9A-Za-z_])(?:PMAK-[0-9a-f]{24}-[0-9a-f]{34})(?![0-9A-Za-z_])/g, valid: varied }, // Postman
  { kind: 'vendor_token', trigger: ['glsa_', 'glc_'], re: /(?<![0-9A-Za-z_])(?:gl(?:sa_[0-9A-Za-z]{32}_[0-9a-fA-F]{8}|c_[0-9A-Za-z+/]{32,400}={0,2}))(?![0-9A-Za-z_])/g, valid: varied }, // Grafana
  { kind: 'vendor_token', trigger: ['hvs.', 'hvb.'], re: /(?<![0-9A-Za-z_])(?:hv[sb]\.[0-9A-Za-z_\-]{90,300})(?![0-9A-Za-z_])/g, valid: varied }, // HashiCorp Vault
  { kind: 'vendor_token', trigger: 'gsk_', re: /(?<![0-9A-Za-z_])(?:gsk_[0-9A-Za-z]{48,56})(?![0-9A-Za-z_])/g, valid: varied }, // Groq
  { kind: 'vendor_token', trigger: 'r8_', re: /(?<![0-9A-Za-z_])(?:r8_[0-9A-Za-z]{37})(?![0-9A-Za-z_])/g, valid: varied }, // Replicate
  { kind: 'vendor_token', trigger: 'pplx-', re: /(?<![0-9A-Za-z_])(?:pplx-[0-9A-Za-z]{48})(?![0-9A-Za-z_])/g, valid: varied }, // Perplexity
  { kind: 'vendor_token', trigger: 'GOCSPX-', re: /(?<![0-9A-Za-z_])(?:GOCSPX-[0-9A-Za-z_\-]{28})(?![0-9A-Za-z_])/g, valid: varied }, // Google OAuth client secret
  { kind: 'vendor_token', trigger: 'whsec_', re: /(?<![0-9A-Za-z_])(?:whsec_[0-9A-Za-z+/=]{32,})(?![0-9A-Za-z_])/g, valid: varied }, // Stripe webhook secret
  { kind: 'vendor_token', trigger: 'AGE-SECRET-KEY-1', re: /(?<![0-9A-Za-z_])(?:AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58})(?![0-9A-Za-z_])/g, valid: varied }, // age
  { kind: 'vendor_token', trigger: ':AA', re: /(?<![0-9A-Za-z_])(?:\d{8,10}:AA[0-9A-Za-z_\-]{33})(?![0-9A-Za-z_])/g, valid: varied }, // Telegram bot
  { kind: 'google_api_key', trigger: 'AIza', re: /(?<![0-9A-Za-z_\-])AIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])/g, valid: varied },
  {
    kind: 'jwt',
    trigger: 'eyJ',
    re: /(?<![0-9A-Za-z_\-])eyJ[0-9A-Za-z_\-]{10,}\.[0-9A-Za-z_\-]{10,}\.[0-9A-Za-z_\-]*/g,
    valid: (m) => isJwtHeader(m.slice(0, m.indexOf('.'))),
  },
  // zgk_<8 hex>_<secret>: the visible prefix alone (zgk_1a2b3c4d) is shown in key lists and is not a secret.
  { kind: 'zero_gateway_key', trigger: 'zgk_', re: /(?<![0-9A-Za-z_])zgk_[0-9a-f]{8}_[0-9A-Za-z_\-]{20,}/g },
  { kind: 'zero_gateway_session', trigger: 'zgs_', re: /(?<![0-9A-Za-z_])zgs_[0-9A-Za-z_\-]{32,}/g },
];

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /^-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/;
// Key material after a header with no END (a truncated paste): base64 lines, the first one long, plus the
// RFC 1421 headers of encrypted keys. A header followed by prose is not a key.
const PEM_BODY = /(?:\s*(?:Proc-Type|DEK-Info):[^\n]*)*\s+[A-Za-z0-9+/=]{16,}(?:\s+[A-Za-z0-9+/=]{4,})*/y;

function scanPem(text: string, out: Finding[]): void {
  PEM_BEGIN.lastIndex = 0;
  let endMarker = -2; // cached position of the next "-----END " (-1: none left), so repeated headers stay linear
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const bodyStart = m.index + m[0].length;
    if (endMarker !== -1 && endMarker < bodyStart) endMarker = text.indexOf('-----END ', bodyStart);
    let end: number;
    // The END must close this block, not a later one ("-----BEGIN ... KEY----- was cut off" followed by a full key).
    const closes = endMarker !== -1 && text.lastIndexOf('-----BEGIN ', endMarker) === m.index;
    if (closes && PEM_END.test(text.slice(endMarker, endMarker + 60))) {
      end = text.indexOf('-----', endMarker + 9) + 5;
    } else {
      PEM_BODY.lastIndex = bodyStart;
      if (!PEM_BODY.test(text)) continue;
      end = PEM_BODY.lastIndex;
    }
    out.push({ detector: 'secret', kind: 'private_key', start: m.index, end });
    PEM_BEGIN.lastIndex = end; // a header inside this block is part of it
  }
}

function hasTrigger(text: string, trigger: string | readonly string[]): boolean {
  if (typeof trigger === 'string') return trigger === '' || text.includes(trigger);
  for (const t of trigger) if (text.includes(t)) return true;
  return false;
}

/**
 * Finds credentials: PEM private keys, cloud/API keys and tokens by their issuer prefix, JWTs, Zero Gateway keys,
 * and values assigned to credential-named variables (`export TOKEN=…`, `api_key = "…"`, `password: …`).
 */
export const secretDetector: Detector = {
  id: 'secret',
  mayMatch: () => true,
  scan(text: string, out: Finding[]) {
    if (text.includes('PRIVATE KEY')) scanPem(text, out);
    for (const p of PATTERNS) {
      if (!hasTrigger(text, p.trigger)) continue;
      if (p.kind === 'aws_secret_key' && !AWS_CONTEXT.test(text)) continue;
      p.re.lastIndex = 0;
      for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        if (p.valid && !p.valid(m[0], text, m.index)) continue;
        const kind = typeof p.kind === 'function' ? p.kind(m) : p.kind;
        out.push({ detector: 'secret', kind, start: m.index, end: m.index + m[0].length });
      }
    }
    scanAssignments(text, out);
  },
};
