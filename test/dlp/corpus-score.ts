// Scores the detectors against the labelled corpus: a finding is a true positive when it overlaps an unclaimed
// labelled span of the same detector; leftover findings are false positives, leftover labels false negatives.
import { readFileSync } from 'node:fs';
import { DETECTOR_IDS, detect, type DetectorId, type Finding } from '../../server/modules/dlp/index.ts';
import type { CorpusEntry, LabelledSpan } from './build-corpus.ts';

export interface DetectorScore {
  detector: DetectorId;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface Miss {
  id: string;
  detector: DetectorId;
  type: 'fp' | 'fn';
  /** Test-only: the corpus is synthetic, so showing the span helps fix the detector. */
  span: string;
}

export function loadCorpus(): CorpusEntry[] {
  return readFileSync(new URL('./corpus.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusEntry);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function scoreCorpus(corpus: CorpusEntry[]): { scores: DetectorScore[]; misses: Miss[] } {
  const tally = new Map(DETECTOR_IDS.map((d) => [d, { tp: 0, fp: 0, fn: 0 }]));
  const misses: Miss[] = [];
  for (const e of corpus) {
    const findings: Finding[] = detect(e.text);
    const open: LabelledSpan[] = [...e.labels];
    for (const f of findings) {
      const i = open.findIndex((l) => l.detector === f.detector && overlaps(l, f));
      if (i >= 0) {
        open.splice(i, 1);
        tally.get(f.detector)!.tp++;
      } else {
        tally.get(f.detector)!.fp++;
        misses.push({ id: e.id, detector: f.detector, type: 'fp', span: e.text.slice(f.start, f.end) });
      }
    }
    for (const l of open) {
      tally.get(l.detector)!.fn++;
      misses.push({ id: e.id, detector: l.detector, type: 'fn', span: e.text.slice(l.start, l.end) });
    }
  }
  const scores = DETECTOR_IDS.map((detector) => {
    const { tp, fp, fn } = tally.get(detector)!;
    return { detector, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
  });
  return { scores, misses };
}

export function formatTable(scores: DetectorScore[]): string {
  const rows = scores.map((s) =>
    `${s.detector.padEnd(11)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}   ${s.precision.toFixed(3)}   ${s.recall.toFixed(3)}`,
  );
  return ['detector      tp   fp   fn   precision recall', ...rows].join('\n');
}
