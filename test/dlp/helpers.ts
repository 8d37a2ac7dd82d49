import { detect, type DetectorId } from '../../server/modules/dlp/index.ts';

/** "detector:matched text" for each finding; test-only (production code never materialises the matched text). */
export function found(text: string, only?: DetectorId[]): string[] {
  return detect(text, only).map((f) => `${f.detector}:${text.slice(f.start, f.end)}`);
}

/** Just the matched texts of one detector. */
export function matches(text: string, detector: DetectorId): string[] {
  return detect(text, [detector]).map((f) => text.slice(f.start, f.end));
}
