/**
 * Masks credentials in text bound for the server log. Upstream error bodies
 * echo our own request headers (`Incorrect API key provided: sk-...`), and
 * database errors quote the values they choke on; the log keeps the shape of
 * what happened without the secret itself.
 */

const MASK = '[redacted]';

/**
 * Known secret shapes, one pass. Each alternative keeps a short recognisable
 * lead (`sk-`, `zgk_1a2b3c4d_`, `Bearer `) so a log reader can tell what kind
 * of credential was there.
 */
const SHAPES = new RegExp(
  [
    // Our API keys keep their visible prefix (it is shown in the console anyway), sessions keep nothing.
    String.raw`\b(zgk_[0-9a-f]{8}_)[A-Za-z0-9_-]+`,
    String.raw`\b(zgs_)[A-Za-z0-9_-]+`,
    String.raw`(\$argon2(?:id|i|d)\$)[^\s"'\\]+`,
    // OpenAI, Anthropic (sk-ant-...), DeepSeek and most OpenAI-compatible vendors.
    String.raw`\b(sk-)[A-Za-z0-9_-]{6,}`,
    String.raw`\b(AIza)[0-9A-Za-z_-]{20,}`,
    String.raw`\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]{20,}`,
    String.raw`\b(xox[abprs]-)[A-Za-z0-9-]{10,}`,
    String.raw`\b(AKIA|ASIA)[0-9A-Z]{16}`,
    String.raw`\b(eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*`,
    String.raw`(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)`,
  ].join('|'),
  'g',
);

/** Whatever follows a Bearer or Basic scheme, and the values of key-like fields and headers, in any case. */
const FIELDS = new RegExp(
  [
    String.raw`\b((?:authorization|x-api-key|api[_-]?key|x-goog-api-key|access[_-]?token|password|secret)\\?["']?\s*[:=]\s*\\?["']?)(?:(?:bearer|basic)\s+)?[^\s"'\\,;}&]+`,
    String.raw`\b((?:bearer|basic)\s+)[^\s"'\\,;]+`,
  ].join('|'),
  'gi',
);

function keepLead(match: string, ...groups: unknown[]): string {
  // The arguments after the captures are the offset and the whole string.
  const lead = groups.slice(0, -2).find((g) => typeof g === 'string') as string | undefined;
  return lead !== undefined && lead.length < match.length ? `${lead}${MASK}` : MASK;
}

function maskShapes(text: string): string {
  return text.replace(SHAPES, keepLead).replace(FIELDS, keepLead);
}

/** Escapes for a RegExp that matches a literal. */
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A masker for the secret shapes above plus exact values known to this process
 * (our provider keys as configured): those may have any shape.
 */
export interface SecretMasker {
  (text: string): string;
  /** Adds exact values to mask (values shorter than 6 characters are ignored: they would mask ordinary words). */
  add(values: Iterable<string | undefined>): void;
}

export function createSecretMasker(values: Iterable<string | undefined> = []): SecretMasker {
  const known = new Set<string>();
  let exact: RegExp | undefined;
  const mask = ((text: string) => {
    let out = exact ? text.replace(exact, MASK) : text;
    out = maskShapes(out);
    return out;
  }) as SecretMasker;
  mask.add = (more) => {
    for (const v of more) {
      if (v && v.length >= 6) {
        known.add(v);
        // The same value as it appears inside a JSON string.
        known.add(JSON.stringify(v).slice(1, -1));
      }
    }
    exact = known.size ? new RegExp([...known].sort((a, b) => b.length - a.length).map(literal).join('|'), 'g') : undefined;
  };
  mask.add(values);
  return mask;
}

/** Masks the known secret shapes only (no process-specific values). */
export const maskSecretShapes = maskShapes;

const GRAM = 16;
const STRIDE = 8;
/** Prompt text considered per failure; the echo of a longer prompt is masked where it overlaps this much. */
const MAX_PROMPT_CHARS = 256 * 1024;

/**
 * Removes the prompt from an upstream's error text: vendors echo the request
 * back in 400s ("Invalid value for 'messages[0].content': ..."), whole,
 * truncated or JSON-escaped. Any run of at least 23 characters that also occurs
 * in one of `texts` is replaced by `[prompt]`: the prompt is indexed by
 * 16-character pieces every 8 characters, so such a run always contains one.
 */
export function maskPromptText(text: string, texts: string[]): string {
  const index = new Map<string, number[]>();
  const sources: string[] = [];
  let budget = MAX_PROMPT_CHARS;
  for (const t of texts) {
    for (const form of [t, JSON.stringify(t).slice(1, -1)]) {
      if (budget <= 0 || form.length < GRAM) continue;
      const source = form.slice(0, budget);
      budget -= source.length;
      const s = sources.push(source) - 1;
      for (let p = 0; p + GRAM <= source.length; p += STRIDE) {
        const key = source.slice(p, p + GRAM);
        const at = index.get(key);
        if (at) at.length < 8 && at.push(s, p);
        else index.set(key, [s, p]);
      }
    }
  }
  if (!index.size) return text;
  const masked = new Uint8Array(text.length);
  for (let i = 0; i + GRAM <= text.length; i++) {
    const at = index.get(text.slice(i, i + GRAM));
    if (!at) continue;
    for (let k = 0; k < at.length; k += 2) {
      const source = sources[at[k]];
      let start = i;
      let p = at[k + 1];
      while (start > 0 && p > 0 && text[start - 1] === source[p - 1]) (start--, p--);
      let end = i + GRAM;
      let q = at[k + 1] + GRAM;
      while (end < text.length && q < source.length && text[end] === source[q]) (end++, q++);
      masked.fill(1, start, end);
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!masked[i]) out += text[i];
    else if (i === 0 || !masked[i - 1]) out += '[prompt]';
  }
  return out;
}
