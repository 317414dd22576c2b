// The offline provider held to the material targets on the sample lectures, and the measure itself checked on known-bad material.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGenerator, readReferences } from '../../../scripts/eval-material.ts';
import { createOfflineGenerator } from '../../../scripts/pipeline/offline-provider.ts';
import { missedTargets, normalise, scoreMaterial, summarise } from '../../../scripts/pipeline/offline/evaluate.ts';
import type { Notes, Segment, VideoQuiz } from '../../../src/lib/schema.ts';

const root = join(import.meta.dirname, '../../..');

describe('study material against reference concepts', () => {
  it('meets every target on the sample lectures', async () => {
    const scores = await evaluateGenerator(createOfflineGenerator({ libraryDir: join(root, 'content/videos') }), root);
    expect(scores.length).toBe(Object.keys(readReferences(root).lectures).length);
    const total = summarise(scores);
    expect(missedTargets(total)).toEqual([]);
    expect(total.recall).toBeGreaterThanOrEqual(0.7);
    expect(total.filler).toBeLessThanOrEqual(0.05);
    expect(total.complete).toBe(1);
    expect(total.cloze).toBeLessThanOrEqual(1 / 3);
    expect(total.titleForm).toBe(1);
    expect(total.answersConcepts).toBeGreaterThanOrEqual(0.9);
    for (const s of scores) expect(s.questions, s.id).toBeGreaterThanOrEqual(5);
  }, 60_000);
});

describe('the measure', () => {
  const segments: Segment[] = [
    { startMs: 0, endMs: 4000, text: 'After the transformation, the determinant gives the volume of that' },
    { startMs: 4000, endMs: 8000, text: 'parallelepiped that the cube turns into. This number is called the determinant.' },
  ];
  const question = (kind: VideoQuiz['questions'][number]['kind'], answer: string): VideoQuiz['questions'][number] => ({
    kind, prompt: 'Which term completes: ____?', choices: [answer, 'volume'], answer: 0, explanation: '', startMs: 0,
  });

  it('finds a sentence cut mid-clause, a comma-list title, filler terms, too many clozes and answers that are not concepts', () => {
    const notes: Notes = {
      summary: 'After the transformation, the determinant gives the volume of that.',
      sections: [{ title: 'Determinant, Volume, Called', body: '- This number is called the determinant.', startMs: 0, keyTerms: ['determinant', 'student', 'called'] }],
      glossary: [],
    };
    const quiz: VideoQuiz = { questions: [question('cloze', 'determinant'), question('cloze', 'called'), question('definition', 'determinant')] };
    const score = scoreMaterial(notes, quiz, segments, ['determinant', 'parallelepiped'], new Set(['student', 'called']));
    expect(score.missed).toEqual(['parallelepiped']);
    expect(score.brokenSentences).toEqual(['After the transformation, the determinant gives the volume of that.']);
    expect(score.badTitles).toEqual(['Determinant, Volume, Called']);
    expect(score.fillerTerms).toEqual(['student', 'called']);
    expect(score.answersNotConcepts).toEqual(['called']);
    expect(missedTargets(summarise([{ id: 'x', ...score }]))).toEqual([
      'concept recall 50 % < 70 %',
      'filler 67 % > 5 %',
      'complete sentences 50 % < 100 %',
      'cloze 67 % > 33 %',
      '1 comma-list titles',
    ]);
  });

  it('matches concepts whatever their case or number', () => {
    expect(normalise('Basis vectors')).toBe(normalise('basis vector'));
    expect(normalise("The neuron's activation")).toContain(normalise('activation'));
    expect(normalise('Biases')).toBe(normalise('bias'));
  });
});
