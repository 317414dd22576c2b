// The material measure (npm run eval:material) on small known-good and known-bad material: fast enough for mutation testing.
import { describe, expect, it } from 'vitest';
import { missedTargets, normalise, scoreMaterial, summarise, TARGETS, type LectureScore } from '../../../scripts/pipeline/offline/evaluate.ts';
import type { Notes, Segment, VideoQuiz } from '../../../src/lib/schema.ts';

describe('the measure', () => {
  const segments: Segment[] = [
    { startMs: 0, endMs: 4000, text: 'After the transformation, the determinant gives the volume of that' },
    { startMs: 4000, endMs: 8000, text: 'parallelepiped that the cube turns into. This number is called the determinant.' },
  ];
  const question = (kind: VideoQuiz['questions'][number]['kind'], answer: string): VideoQuiz['questions'][number] => ({
    kind,
    prompt: 'Which term completes: ____?',
    choices: [answer, 'volume'],
    answer: 0,
    explanation: '',
    startMs: 0,
  });

  it('finds a sentence cut mid-clause, a comma-list title, filler terms, too many clozes and answers that are not concepts', () => {
    const notes: Notes = {
      summary: 'After the transformation, the determinant gives the volume of that.',
      sections: [
        { title: 'Determinant, Volume, Called', body: '- This number is called the determinant.', startMs: 0, keyTerms: ['determinant', 'student', 'called'] },
      ],
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

describe('sentence integrity', () => {
  const transcript: Segment[] = [
    { startMs: 0, endMs: 4000, text: 'A vector is an arrow. It has a length' },
    { startMs: 4000, endMs: 8000, text: 'and a direction. We call the   length its “norm.” Vectors add tip to tail!' },
  ];
  const notes = (summary: string, body = '', definitions: string[] = []): Notes => ({
    summary,
    sections: body ? [{ title: 'Vectors and norms', body, startMs: 0, keyTerms: ['vector'] }] : [],
    glossary: definitions.map((definition) => ({ term: 'vector', definition, startMs: 0 })),
  });
  const score = (n: Notes, quiz: VideoQuiz = { questions: [] }) => scoreMaterial(n, quiz, transcript, ['vector'], new Set());

  it('counts whole transcript sentences, at the start, across cues, at the end and after a closing quote', () => {
    const s = score(notes('A vector is an arrow. It has a length and a direction.', '- We call the length its “norm.”\n* Vectors add tip to tail!\n\n'));
    expect([s.sentences, s.brokenSentences]).toEqual([4, []]);
  });

  it('finds a sentence cut short, one that starts mid-sentence and one that runs into the next', () => {
    expect(score(notes('It has a length.')).brokenSentences).toEqual(['It has a length.']);
    expect(score(notes('Is an arrow.')).brokenSentences).toEqual(['Is an arrow.']);
    expect(score(notes('Vectors add tip')).brokenSentences).toEqual(['Vectors add tip']);
    expect(score(notes('A vector is an arrow')).brokenSentences).toEqual(['A vector is an arrow']);
  });

  it('finds a sentence whose words also appear mid-sentence, where it starts one', () => {
    const repeated: Segment[] = [{ startMs: 0, endMs: 4000, text: 'Lisha said Grant is a great teacher. Grant is a great teacher.' }];
    const s = scoreMaterial(notes('Grant is a great teacher.'), { questions: [] }, repeated, [], new Set());
    expect([s.sentences, s.brokenSentences]).toEqual([1, []]);
  });

  it('in unpunctuated auto-captions, counts a run of whole words shown with a capital and a full stop, never one cut inside a word', () => {
    const auto: Segment[] = [
      { startMs: 0, endMs: 3000, text: 'so a recursive function is just a function' },
      { startMs: 3000, endMs: 6000, text: 'that calls itself and every recursive function needs a base case' },
    ];
    const s = scoreMaterial(
      notes(
        'So a recursive function is just a function that calls itself.',
        '- Every recursive function needs a base case.\n- Ecursive function needs a base.',
      ),
      { questions: [] },
      auto,
      [],
      new Set(),
    );
    expect([s.sentences, s.brokenSentences]).toEqual([3, ['Ecursive function needs a base.']]);
  });

  it('checks glossary definitions and the quoted line of each quiz explanation, not the rest of the explanation', () => {
    const quiz: VideoQuiz = {
      questions: [
        {
          kind: 'cloze',
          prompt: 'Which term completes: “A(n) ____ is an arrow.”',
          choices: ['vector', 'norm'],
          answer: 0,
          explanation: 'The lecture says: “A vector is an arrow.”',
          startMs: 0,
        },
        {
          kind: 'cloze',
          prompt: 'Which term completes: “____ add tip to tail!”',
          choices: ['vector', 'norm'],
          answer: 0,
          explanation: 'No quote here.',
          startMs: 0,
        },
      ],
    };
    const s = score(notes('', '', ['It has a length and a direction.', 'It has a length']), quiz);
    expect([s.sentences, s.brokenSentences]).toEqual([3, ['It has a length']]);
  });
});

describe('concepts, titles and answers', () => {
  const transcript: Segment[] = [{ startMs: 0, endMs: 4000, text: 'A vector is an arrow.' }];
  const section = (title: string, keyTerms: string[] = []) => ({ title, body: '', startMs: 0, keyTerms });

  it('recalls a concept named in a title, a key term or a glossary term, by any of its forms, reported by its first', () => {
    const n: Notes = {
      summary: '',
      sections: [section('Basis vectors of the plane', ['Span'])],
      glossary: [{ term: 'linear combination', definition: '', startMs: 0 }],
    };
    const s = scoreMaterial(
      n,
      { questions: [] },
      transcript,
      ['basis vector', 'span', 'linear combination', 'determinant|area factor', 'column space|range'],
      new Set(),
    );
    expect(s.recalled).toEqual(['basis vector', 'span', 'linear combination']);
    expect(s.missed).toEqual(['determinant', 'column space']);
    const alternative = scoreMaterial(
      { ...n, glossary: [{ term: 'range', definition: '', startMs: 0 }] },
      { questions: [] },
      transcript,
      ['column space | range'],
      new Set(),
    );
    expect(alternative.recalled).toEqual(['column space']);
  });

  it('counts each key term once, whatever its case or where it is listed, and finds filler among them', () => {
    const n: Notes = {
      summary: '',
      sections: [section('Vectors and arrows', ['Vector', 'the', 'thing']), section('More vectors', ['vector', 'arrows'])],
      glossary: [{ term: 'Arrows', definition: '', startMs: 0 }],
    };
    const s = scoreMaterial(n, { questions: [] }, transcript, [], new Set(['thing']));
    expect(s.keyTerms).toBe(4);
    expect(s.fillerTerms).toEqual(['the', 'thing']);
  });

  it('finds titles of one word, more than eight words, comma lists and bare part numbers', () => {
    const titles = [
      'Vectors',
      'Vectors and arrows',
      'One two three four five six seven eight',
      'One two three four five six seven eight nine',
      'Vectors, arrows',
      'Part 3',
      'Part of the plane',
    ];
    const s = scoreMaterial({ summary: '', sections: titles.map((t) => section(t)), glossary: [] }, { questions: [] }, transcript, [], new Set());
    expect(s.titles).toBe(7);
    expect(s.badTitles).toEqual(['Vectors', 'One two three four five six seven eight nine', 'Vectors, arrows', 'Part 3']);
  });

  it('sorts questions by kind (a blank without a kind is a cloze) and asks each answer to be a concept', () => {
    const q = (kind: VideoQuiz['questions'][number]['kind'] | undefined, prompt: string, answer: string): VideoQuiz['questions'][number] => ({
      ...(kind ? { kind } : {}),
      prompt,
      choices: [answer, 'other'],
      answer: 0,
      explanation: '',
      startMs: 0,
    });
    const quiz: VideoQuiz = {
      questions: [
        q(undefined, 'A(n) ____ is an arrow.', 'vector'),
        q(undefined, 'What is an arrow?', 'vector'),
        q('term', 'Which line of the lecture is about “vector”?', 'A … is an arrow.'),
        q('term', 'Which line of the lecture is about “thing”?', 'A … is a thing.'),
        q('statement', 'Which statement matches?', 'A vector is a thing.'),
        q('definition', 'Which term?', 'thing'),
        q('definition', 'Which term?', 'arrow'),
        q('definition', 'Which term?', 'the'),
      ],
    };
    const n: Notes = { summary: '', sections: [section('Vectors and arrows', ['vector', 'thing', 'the'])], glossary: [] };
    const s = scoreMaterial(n, quiz, transcript, ['arrow'], new Set(['thing']));
    expect(s.kinds).toEqual({ cloze: 1, concept: 1, term: 2, statement: 1, definition: 3 });
    expect(s.cloze).toBe(1);
    expect(s.questions).toBe(8);
    expect(s.answersNotConcepts).toEqual(['A … is a thing.', 'thing', 'the']);
    expect(scoreMaterial(n, { questions: [q('term', 'No quote', 'A … is an arrow.')] }, transcript, [], new Set()).answersNotConcepts).toEqual([
      'A … is an arrow.',
    ]);
  });
});

describe('near-copy choices', () => {
  const question = (answer: string, wrong: string[]): VideoQuiz['questions'][number] => ({
    kind: 'concept',
    prompt: 'Which one?',
    choices: [answer, ...wrong],
    answer: 0,
    explanation: '',
    startMs: 0,
  });
  const nearCopies = (quiz: VideoQuiz) => scoreMaterial({ summary: '', sections: [], glossary: [] }, quiz, [], [], new Set()).nearCopies;

  it('counts a question whose wrong choice is the right one with two words or fewer changed, added or dropped', () => {
    const swapped = question('Darker beetles survive longer on dark bark.', [
      'Lighter beetles survive longer on dark bark.',
      'Birds eat moths.',
      'Soot darkens trees.',
    ]);
    const twoApart = question('The price falls back toward equilibrium', ['The price rises back toward equilibrium again', 'Lines form', 'Stock piles up']);
    const variant = question('natural selection', ['directional selection', 'mutation', 'fitness']);
    expect(nearCopies({ questions: [swapped, twoApart, variant] })).toEqual([
      'Darker beetles survive longer on dark bark.',
      'The price falls back toward equilibrium',
      'natural selection',
    ]);
  });

  it('leaves alone different terms and different statements, even short ones', () => {
    const terms = question('fitness', ['mutation', 'adaptation', 'population']);
    const effects = question('the equilibrium shifts to the right', ['the yield of ammonia goes down', 'sellers cut prices', 'the price rises']);
    const threeApart = question('The price falls back toward equilibrium', ['The cost rises back toward a shortage', 'Lines form', 'Stock piles up']);
    expect(nearCopies({ questions: [terms, effects, threeApart] })).toEqual([]);
  });
});

describe('totals and targets', () => {
  const lectureScore = (extra: Partial<LectureScore>): LectureScore => ({
    id: 'x',
    concepts: 0,
    recalled: [],
    missed: [],
    keyTerms: 0,
    fillerTerms: [],
    sentences: 0,
    brokenSentences: [],
    titles: 0,
    badTitles: [],
    questions: 0,
    kinds: {},
    cloze: 0,
    answersNotConcepts: [],
    nearCopies: [],
    ...extra,
  });

  it('adds lectures up as shares, and counts nothing as zero', () => {
    const total = summarise([
      lectureScore({
        concepts: 4,
        recalled: ['a', 'b', 'c'],
        keyTerms: 10,
        fillerTerms: ['x'],
        sentences: 10,
        brokenSentences: ['y'],
        titles: 4,
        badTitles: ['One', 'A, b'],
        questions: 6,
        cloze: 2,
        answersNotConcepts: ['z'],
        nearCopies: ['w'],
      }),
      lectureScore({ concepts: 6, recalled: ['d', 'e', 'f', 'g'], keyTerms: 10, sentences: 10, titles: 4, badTitles: ['C, d'], questions: 4, cloze: 1 }),
    ]);
    expect(total).toEqual({
      recall: 0.7,
      filler: 0.05,
      complete: 0.95,
      titleForm: 5 / 8,
      commaTitles: 2,
      cloze: 0.3,
      answersConcepts: 0.9,
      nearCopy: 0.1,
      questions: 10,
    });
    expect(summarise([])).toEqual({ recall: 0, filler: 0, complete: 0, titleForm: 0, commaTitles: 0, cloze: 0, answersConcepts: 0, nearCopy: 0, questions: 0 });
  });

  it('holds material to the targets, each met exactly at its edge', () => {
    const at = { recall: 0.7, filler: 0.05, complete: 1, titleForm: 1, commaTitles: 0, cloze: 1 / 3, answersConcepts: 1, nearCopy: 0.1, questions: 9 };
    expect(TARGETS).toEqual({ recall: 0.7, filler: 0.05, complete: 1, cloze: 1 / 3, nearCopy: 0.1 });
    expect(missedTargets(at)).toEqual([]);
    expect(missedTargets({ ...at, recall: 0.69, filler: 0.051, complete: 0.99, cloze: 0.34, nearCopy: 0.11, commaTitles: 1 })).toEqual([
      'concept recall 69 % < 70 %',
      'filler 5 % > 5 %',
      'complete sentences 99 % < 100 %',
      'cloze 34 % > 33 %',
      'near-copy choices 11 % > 10 %',
      '1 comma-list titles',
    ]);
  });
});
