// Credentials without a vendor prefix give themselves away by the name they are assigned to, the way secret
// scanners such as gitleaks find them: `export TOKEN=…`, `api_key = "…"`, `"client_secret": "…"`, `password: …`,
// `DB_PASS=…`, `--password=…`, `Authorization: Bearer …`; and by where they sit: the password of a connection URL.
// The name says "secret"; the value must then look like one (random enough, not a placeholder, not a reference to
// somewhere else), or, for passwords, like a password.
import type { Finding, SecretKind } from '../dlp.types.ts';

// A credential keyword inside an identifier, the rest of the identifier, an assignment (=, :, :=, =>), then the
// value, quoted or bare. The regex starts at the keyword (a literal, cheap to look for); the start of the
// identifier is found by walking back from it.
const ASSIGNMENT =
  /(?:api[_.\-]?key|apikey|api[_.\-]?secret|access[_.\-]?key|secret[_.\-]?key|private[_.\-]?key|client[_.\-]?secret|token|secret|passw(?:or)?d|pwd|(?<![A-Za-z])pass(?![A-Za-z])|credentials?|creds)[\w.\-]{0,30}["']?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}(?:"([^"\n]{1,200})"|'([^'\n]{1,200})'|`([^`\n]{1,200})`|([^\s"'`,;<>)\]}]{1,200}))/dgi;
const MAX_NAME_PREFIX = 40;
// The password in a connection URL: postgres://app:<password>@db:5432/app, redis://:<password>@cache:6379.
const URL_PASSWORD = /(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{1,20}:\/\/[^\s:/@?#]{0,64}:([^\s/@?#]{1,128})@(?=[A-Za-z0-9\[])/dg;
const BEARER = /(?<![\w\-])(?:Bearer|Token)[ \t]+([A-Za-z0-9._~+/\-]{20,}={0,2})(?![\w.~+/\-])/dg;

// Names that contain a keyword but do not hold a credential (gitleaks keeps a similar allowlist).
const NOT_A_CREDENTIAL_NAME =
  /hash|digest|checksum|sha\d|md5|url|uri|endpoint|path|file|dir|name|type|length|size|count|limit|max|min|expir|ttl|header|field|prefix|suffix|format|mode|policy|provider|store|label|enabled|required|rotat|version|strategy|algorithm|method|scope|audience|issuer|placeholder|author|keyboard|keypress|primary.?key|foreign.?key|public.?key|publishable|public.?token|csrf|tokeniz|tokens|(?:^|[_.\-])ids?$|[a-z]Id$|passport|bypass|compass|passenger|secretary/i;

// Values that are not the credential itself: references, templates, types, placeholders, masks.
const REFERENCE = /^[$%{<[(@#&*]|\(|\)|\{\{|:\/\/|^(?:process\.env|os\.environ|env\.|config\.|settings\.|self\.|this\.|secrets\.|vars\.|params\.|props\.|req\.|request\.|ctx\.)/i;
const PLACEHOLDER =
  /^(?:null|nil|none|undefined|true|false|yes|no|on|off|required|optional|string|str|text|int|integer|number|bool|boolean|any|object|empty|redacted|hidden|masked|secret|token|password|passwd|changeme|change_me|example|sample|dummy|test|testing|todo|tbd|n\/a)$|x{4,}|\*{3,}|•{3,}|\.{3}|example|placeholder|your[_\-]|my[_\-]?(?:secret|token|key|pass)|replace[_\-]?me|^<.*>$/i;
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9A-F]{32}|[0-9A-F]{40}|[0-9A-F]{64})$/;
const NAMES_A_KEY = /key|token|api|auth|access|client|credential/i;
const IS_PASSWORD_NAME = /passw(?:or)?d|pwd|(?<![A-Za-z])pass(?![A-Za-z])/i;

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A token, key or secret value: long enough, letters and digits, random-looking (≥ 3 bits per character). */
function looksLikeKey(value: string, name: string): boolean {
  if (value.length < 12 || !/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  // A digest labelled "secret" is more often a checksum than a key; a key- or token-named one is a key.
  if (HEX_DIGEST.test(value) && !NAMES_A_KEY.test(name)) return false;
  return entropy(value) >= 3;
}

/** A password: six or more characters with a digit or symbol (a bare word after "password:" is prose or a type). */
function looksLikePassword(value: string): boolean {
  return value.length >= 6 && /[^A-Za-z]/.test(value) && new Set(value).size >= 4;
}

function valueOf(m: RegExpExecArray): [string, number, number] | undefined {
  for (let g = 1; g <= 4; g++) {
    if (m[g] !== undefined) return [m[g], m.indices![g][0], m.indices![g][1]];
  }
  return undefined;
}

/** Appends the values of credential-named assignments, passwords in connection URLs and bearer headers. */
export function scanAssignments(text: string, out: Finding[]): void {
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const found = valueOf(m);
    if (!found) continue;
    let nameStart = m.index;
    while (nameStart > 0 && m.index - nameStart < MAX_NAME_PREFIX && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
    let nameEnd = m.index;
    while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    const name = text.slice(nameStart, nameEnd);
    if (NOT_A_CREDENTIAL_NAME.test(name)) continue;
    const [value, start, end] = found;
    if (REFERENCE.test(value) || PLACEHOLDER.test(value)) continue;
    const kind: SecretKind | undefined = IS_PASSWORD_NAME.test(name)
      ? looksLikePassword(value) ? 'password' : undefined
      : looksLikeKey(value, name) ? 'generic_secret' : undefined;
    if (kind) out.push({ detector: 'secret', kind, start, end });
  }
  if (text.includes('://')) {
    URL_PASSWORD.lastIndex = 0;
    for (let m = URL_PASSWORD.exec(text); m; m = URL_PASSWORD.exec(text)) {
      const [start, end] = m.indices![1];
      if (!REFERENCE.test(m[1]) && !PLACEHOLDER.test(m[1]) && looksLikePassword(m[1])) out.push({ detector: 'secret', kind: 'password', start, end });
    }
  }
  if (!text.includes('Bearer') && !text.includes('Token')) return;
  BEARER.lastIndex = 0;
  for (let m = BEARER.exec(text); m; m = BEARER.exec(text)) {
    const [start, end] = m.indices![1];
    if (!PLACEHOLDER.test(m[1]) && looksLikeKey(m[1], 'token')) out.push({ detector: 'secret', kind: 'bearer_token', start, end });
  }
}
