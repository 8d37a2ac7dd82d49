import type { Finding } from './dlp.types.ts';

/** Builds the replacement for a finding; it sees only the finding's metadata, never the matched text. */
export type Placeholder = (finding: Finding) => string;

/** `[EMAIL]`, `[BANK_CARD]`, `[SECRET]`... */
export const defaultPlaceholder: Placeholder = (f) => `[${f.detector.toUpperCase()}]`;

/**
 * Replaces each finding in `text` with a placeholder.
 *
 * Overlapping findings are merged into one replaced span covering all of them (so no fragment of either leaks);
 * the placeholder is the one of the earliest finding, the longest when several start together.
 * Findings may be given in any order; out-of-range offsets are clamped.
 */
export function redact(text: string, findings: readonly Finding[], placeholder: Placeholder = defaultPlaceholder): string {
  if (findings.length === 0) return text;
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let result = '';
  let cursor = 0;
  let i = 0;
  while (i < sorted.length) {
    const head = sorted[i];
    const start = Math.max(head.start, cursor);
    let end = head.end;
    for (i++; i < sorted.length && sorted[i].start < end; i++) end = Math.max(end, sorted[i].end);
    end = Math.min(end, text.length);
    if (end <= start) continue;
    result += text.slice(cursor, start) + placeholder(head);
    cursor = end;
  }
  return result + text.slice(cursor);
}
