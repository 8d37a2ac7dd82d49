import { describe, expect, it } from 'vitest';
import { buildCorpus } from './build-corpus.ts';
import { formatTable, loadCorpus, scoreCorpus } from './corpus-score.ts';

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.95;

describe('labelled corpus', () => {
  const corpus = loadCorpus();

  it('is the committed output of build-corpus.ts (regenerate after editing the templates)', () => {
    expect(corpus).toEqual(buildCorpus());
  });

  it('is large, bilingual and covers every detector with positives and negatives', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(corpus.filter((e) => e.lang === 'zh').length).toBeGreaterThanOrEqual(150);
    expect(corpus.filter((e) => e.labels.length === 0).length).toBeGreaterThanOrEqual(100);
  });

  it(`keeps precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL} for every detector`, () => {
    const { scores, misses } = scoreCorpus(corpus);
    console.log(`DLP corpus: ${corpus.length} prompts\n${formatTable(scores)}`);
    if (misses.length > 0) console.log(misses.map((m) => `${m.type} ${m.detector} ${m.id} ${JSON.stringify(m.span)}`).join('\n'));
    for (const s of scores) {
      expect(s.tp + s.fn, `${s.detector} has positives`).toBeGreaterThanOrEqual(40);
      expect(s.precision, `${s.detector} precision`).toBeGreaterThanOrEqual(MIN_PRECISION);
      expect(s.recall, `${s.detector} recall`).toBeGreaterThanOrEqual(MIN_RECALL);
    }
  });
});
