// Sentence segmentation and language checks of the offline provider, on small transcripts with known answers.
import { describe, expect, it } from 'vitest';
import { englishStopWordShare, isPunctuated, splitSentences, tokenize } from '../../../scripts/pipeline/offline/language.ts';
import type { Segment } from '../../../src/lib/schema.ts';

const cues = (...texts: [number, number, string][]): Segment[] => texts.map(([startMs, endMs, text]) => ({ startMs, endMs, text }));

describe('punctuated transcripts', () => {
  it('starts each sentence at the cue it begins in, even mid-cue, and keeps its text as said', () => {
    const sentences = splitSentences(
      cues(
        [0, 4000, '  Here is a   vector. It has a length'],
        [4000, 8000, 'and a direction, which we draw as an arrow.'],
        [8000, 9000, '   '],
        [9000, 12000, 'Scaling it by two doubles its length!'],
      ),
    );
    expect(sentences.map((s) => [s.text, s.startMs, s.punctuated, s.fromPauses])).toEqual([
      ['Here is a vector.', 0, true, false],
      ['It has a length and a direction, which we draw as an arrow.', 0, true, false],
      ['Scaling it by two doubles its length!', 9000, true, false],
    ]);
    expect(sentences[0]!.tokens.map((t) => t.pos)).toEqual(['ADV', 'AUX', 'DET', 'NOUN', 'PUNCT']);
  });

  it('returns nothing for an empty transcript', () => {
    expect(splitSentences([])).toEqual([]);
    expect(splitSentences(cues([0, 1000, ' ']))).toEqual([]);
  });

  it('counts a transcript as punctuated with a sentence end at least every 40 words', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
    expect(isPunctuated(`${words(40)}. ${words(40)}.`)).toBe(true);
    expect(isPunctuated(`${words(41)}. ${words(41)}.`)).toBe(false);
    expect(isPunctuated(words(20))).toBe(false);
    expect(isPunctuated('Is it? Yes! "Quoted." (Aside.)')).toBe(true);
    expect(isPunctuated('version 2.0 of the file')).toBe(false);
  });
});

describe('unpunctuated auto-captions', () => {
  const said = (startMs: number, text: string, gap = 0): Segment => ({ startMs, endMs: startMs + 2000 - gap, text });

  it('ends a sentence at a pause of 0.7 s once it has 8 words, not before', () => {
    const sentences = splitSentences([
      said(0, 'here we have a network of neurons', 800),
      said(2000, 'that takes in pixels', 800),
      said(4000, 'and it outputs a digit between zero and nine'),
      said(6000, 'each neuron holds a number'),
    ]);
    expect(sentences.map((s) => [s.text, s.startMs, s.fromPauses, s.punctuated])).toEqual([
      ['here we have a network of neurons that takes in pixels', 0, true, false],
      ['and it outputs a digit between zero and nine each neuron holds a number', 4000, true, false],
    ]);
  });

  it('cuts a long run before a clause opener, or before "and" past 30 words, but never after a hanging word', () => {
    const run = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    const [first, second] = splitSentences([said(0, `${run(25)} because ${run(5)}`)]);
    expect(first!.text.split(' ')).toHaveLength(25);
    expect(second!.text.startsWith('because')).toBe(true);
    expect(splitSentences([said(0, `${run(24)} because ${run(5)}`)])).toHaveLength(1);
    expect(splitSentences([said(0, `${run(29)} and ${run(5)}`)])).toHaveLength(1);
    expect(splitSentences([said(0, `${run(30)} and ${run(5)}`)])).toHaveLength(2);
    expect(splitSentences([said(0, `${run(29)} the because ${run(5)}`)])).toHaveLength(1);
  });

  it('cuts at a cue boundary past 40 words when the last word can end a clause', () => {
    const run = (n: number, p = 'w') => Array.from({ length: n }, (_, i) => `${p}${i}`).join(' ');
    expect(splitSentences([said(0, run(40)), said(2000, run(3, 'x'))]).map((s) => s.startMs)).toEqual([0, 2000]);
    expect(splitSentences([said(0, run(39)), said(2000, run(3, 'x'))])).toHaveLength(1);
    expect(splitSentences([said(0, `${run(40)} of`), said(2000, run(3, 'x'))])).toHaveLength(1);
  });
});

describe('language', () => {
  it('measures the share of English stop words: high for English, none for German', () => {
    const english = englishStopWordShare('The determinant of a transformation is the factor by which it scales areas, and it can be negative.');
    expect(english).toBeGreaterThan(0.3);
    expect(english).toBeLessThan(0.8);
    expect(englishStopWordShare('Die Determinante einer Abbildung misst, wie stark Flächen skaliert werden.')).toBeLessThan(0.15);
    expect(englishStopWordShare('')).toBe(0);
    expect(englishStopWordShare('123 456 !!')).toBe(0);
  });

  it('tokenizes with lemmas, parts of speech and stop words', () => {
    expect(tokenize('The vectors')).toEqual([
      { value: 'The', normal: 'the', lemma: 'the', pos: 'DET', stop: true },
      { value: 'vectors', normal: 'vectors', lemma: 'vector', pos: 'NOUN', stop: false },
    ]);
  });
});
