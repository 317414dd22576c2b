// The offline provider on real lecture transcripts: sentences, key terms, sections, glossary, summary and quiz.
import { differsByFewWords } from '../../../scripts/pipeline/offline/language.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaptions } from '../../../scripts/pipeline/captions.ts';
import { PipelineError, type GenerationInput } from '../../../scripts/pipeline/adapters.ts';
import {
  analyseTranscript,
  createOfflineGenerator,
  extractNotes,
  extractQuiz,
  readLibraryStats,
  splitSentences,
} from '../../../scripts/pipeline/offline-provider.ts';
import { documentTerms, libraryStats, rankTerms } from '../../../scripts/pipeline/offline/terms.ts';
import { tokenize } from '../../../scripts/pipeline/offline/language.ts';
import { distractorsFor } from '../../../scripts/pipeline/offline/quiz.ts';
import { notesSchema, videoQuizSchema, type Segment } from '../../../src/lib/schema.ts';

const root = join(import.meta.dirname, '../../..');
const videosDir = join(root, 'content/videos');
const captions = (path: string) => parseCaptions(readFileSync(join(root, path), 'utf8'), path).segments;
const sample = (id: string) => captions(`content/videos/${id}.vtt`);
const determinant = captions('tests/fixtures/material/determinant.vtt');
const library = readLibraryStats(videosDir);
const sampleIds = readdirSync(videosDir)
  .filter((f) => f.endsWith('.vtt'))
  .map((f) => f.replace(/\.vtt$/, ''));
const transcriptText = (segments: readonly Segment[]) => segments.map((s) => s.text).join(' ');
const input = (segments: Segment[], extra: Partial<GenerationInput> = {}): GenerationInput => ({
  youtubeVideoId: 'Ip3X9LOh2dk',
  title: 'The determinant',
  segments,
  language: 'en',
  ...extra,
});

const FILLER = ['student', 'house', 'called', 'try', 'hello', 'within', 'whenever'];

describe('sentences', () => {
  it('follows punctuation across caption cues instead of cutting long sentences', () => {
    const sentences = splitSentences(determinant);
    const volume = sentences.find((s) => s.text.includes('the volume of that'))!;
    expect(volume.text).toBe(
      'After the transformation, the cube turns into a slanted box called a parallelepiped, and the determinant gives the volume of that parallelepiped that the cube turns into.',
    );
    expect(volume.startMs).toBe(determinant.find((s) => s.text.startsWith('After the transformation'))!.startMs);
    expect(sentences.every((s) => s.punctuated && /[.!?]$/.test(s.text))).toBe(true);
  });

  it('splits unpunctuated auto-captions at pauses and clause openers, never after an article or preposition', () => {
    const auto = captions('tests/fixtures/pipeline/captions/aircAruvnKk.vtt');
    const sentences = splitSentences(auto);
    expect(sentences.length).toBeGreaterThan(3);
    for (const s of sentences) {
      expect(s.punctuated).toBe(false);
      // About 40 words, a little more where the cue ends on a word that leaves the clause hanging.
      expect(s.text.split(' ').length).toBeLessThanOrEqual(55);
      expect(s.text).not.toMatch(/\b(the|a|an|of|to|with)$/i);
    }
    expect(sentences.map((s) => s.text).join(' ')).toBe(transcriptText(auto).replace(/\s+/g, ' '));
  });
});

describe('key terms', () => {
  it('lists "determinant" first for the determinant lecture and never a filler word', () => {
    const notes = extractNotes(determinant, { library, title: 'The determinant' });
    const terms = notes.sections.flatMap((s) => s.keyTerms);
    expect(terms).toContain('determinant');
    expect(analyseTranscript(determinant, library, 'The determinant').terms[0]!.display).toBe('determinant');
    for (const word of FILLER) expect(terms.join(' ')).not.toMatch(new RegExp(`\\b${word}\\b`));
  });

  it('keeps filler words out of every sample lecture and merges singular and plural', async () => {
    for (const id of sampleIds) {
      const notes = extractNotes(sample(id), { library });
      const terms = [...notes.sections.flatMap((s) => s.keyTerms), ...notes.glossary.map((g) => g.term)];
      for (const word of FILLER) expect(terms, id).not.toContain(word);
      const keys = new Set(analyseTranscript(sample(id), library).terms.map((t) => t.display));
      for (const t of keys) expect(keys.has(`${t}s`) && !t.endsWith('s'), `${id}: ${t} and ${t}s`).toBe(false);
    }
    expect(analyseTranscript(sample('fNk_zzaMoSs'), library).terms.map((t) => t.display)).toContain('vector');
  });

  it('ranks a term lower when the rest of the library uses it too', () => {
    const sentences = splitSentences(sample('IHZwWFHWa-w'));
    const ratio = (terms: ReturnType<typeof rankTerms>) => terms.find((t) => t.key === 'network')!.score / terms.find((t) => t.key === 'cost function')!.score;
    const alone = rankTerms(sentences, libraryStats([documentTerms(sentences)]));
    const against = rankTerms(sentences, library);
    expect(library.documents).toBe(sampleIds.length);
    // "network" is in four lectures, "cost function" only in this one and the next.
    expect(ratio(against)).toBeLessThan(ratio(alone) * 0.8);
  });
});

describe('sections', () => {
  it('titles sections in natural phrases of 2-8 words, never a comma list or a bare part number', () => {
    for (const id of [...sampleIds, 'determinant']) {
      const notes = id === 'determinant' ? extractNotes(determinant, { library }) : extractNotes(sample(id), { library });
      expect(notesSchema.safeParse(notes).success).toBe(true);
      for (const { title } of notes.sections) {
        expect(title, id).not.toContain(',');
        expect(title.split(' ').length, `${id}: ${title}`).toBeGreaterThanOrEqual(2);
        expect(title.split(' ').length, `${id}: ${title}`).toBeLessThanOrEqual(8);
        expect(title, id).not.toMatch(/^Part \d+$/);
      }
      const starts = notes.sections.map((s) => s.startMs);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      expect(new Set(notes.sections.map((s) => s.title)).size).toBe(notes.sections.length);
    }
    // Verbs wink-nlp tags as nouns once ended these titles: "The gradient encodes", "The input space decreases".
    const gradientTitles = extractNotes(sample('IHZwWFHWa-w'), { library }).sections.map((s) => s.title);
    expect(gradientTitles).toEqual(expect.arrayContaining(['Negative gradient', 'Input space']));
    expect(gradientTitles.join(' | ')).not.toMatch(/encodes|decreases/);
  });

  it('never makes a section of only a sign-off', () => {
    const notes = extractNotes(determinant, { library });
    for (const section of notes.sections) expect(section.body.split('\n').length > 1 || !/see you/i.test(section.body)).toBe(true);
    expect(notes.sections.at(-1)!.body).not.toBe('- See you then!');
  });

  it('follows the lecture’s chapters and carries their titles', async () => {
    const chapters = [
      { title: 'Scaling areas', startMs: 0 },
      { title: 'Negative determinants', startMs: 100_000 },
      { title: 'Computing the determinant', startMs: 200_000 },
    ];
    const notes = await createOfflineGenerator({ library }).generateNotes(input(determinant, { chapters }));
    expect(notes.sections.map((s) => [s.title, s.startMs])).toEqual(chapters.map((c) => [c.title, c.startMs]));
    expect(notes.sections[1]!.body).toMatch(/negative determinant/i);
  });
});

describe('glossary and summary', () => {
  it('defines each glossary term by the sentence that names it, with its time', () => {
    const glossary = extractNotes(determinant, { library }).glossary;
    const entry = glossary.find((g) => g.term === 'determinant')!;
    expect(entry.definition).toBe(
      'This very special scaling factor, the amount by which a transformation changes areas, is called the determinant of the transformation.',
    );
    expect(entry.startMs).toBe(determinant.find((s) => s.text.startsWith('This very special scaling factor'))!.startMs);
    expect(extractNotes(sample('aircAruvnKk'), { library }).glossary).toContainEqual(
      expect.objectContaining({ term: 'activation', definition: "We call that number the neuron's activation." }),
    );
    expect(extractNotes(sample('fNk_zzaMoSs'), { library }).glossary).toContainEqual(
      expect.objectContaining({ term: 'scalar', definition: 'Whenever a number is used this way, to scale a vector, it is called a scalar.' }),
    );
  });

  it('summarises in whole transcript sentences without saying the same thing twice', () => {
    for (const id of sampleIds) {
      const segments = sample(id);
      const text = transcriptText(segments);
      const summary = extractNotes(segments, { library }).summary;
      const sentences = splitSentences(segments)
        .map((s) => s.text)
        .filter((s) => summary.includes(s));
      expect(sentences.join(' '), id).toBe(summary);
      for (const s of sentences) expect(text).toContain(s);
      const words = sentences.map((s) => new Set(s.toLowerCase().match(/[a-z]{4,}/g)));
      for (let i = 0; i < words.length; i++)
        for (let j = i + 1; j < words.length; j++) {
          const shared = [...words[i]!].filter((w) => words[j]!.has(w)).length;
          expect(shared / Math.min(words[i]!.size, words[j]!.size), `${id}: ${sentences[i]} / ${sentences[j]}`).toBeLessThan(0.6);
        }
    }
  });
});

describe('quiz', () => {
  it('asks mostly concept questions, at most a third cloze, each with its kind and a time in the lecture', () => {
    for (const id of [...sampleIds, 'determinant']) {
      const segments = id === 'determinant' ? determinant : sample(id);
      const quiz = extractQuiz(segments, { library });
      expect(videoQuizSchema.safeParse(quiz).success, id).toBe(true);
      const kinds = quiz.questions.map((q) => q.kind);
      expect(kinds.every(Boolean), id).toBe(true);
      expect(kinds.filter((k) => k === 'cloze').length * 3, id).toBeLessThanOrEqual(kinds.length);
      for (const q of quiz.questions) {
        expect(
          segments.some((s) => s.startMs === q.startMs),
          `${id}: ${q.prompt}`,
        ).toBe(true);
        expect(new Set(q.choices).size).toBe(q.choices.length);
      }
    }
  });

  it('asks what the lecture calls a thing, with the sentence before as context', () => {
    const quiz = extractQuiz(sample('aircAruvnKk'), { library });
    const question = quiz.questions.find((q) => q.prompt.endsWith('What does the lecture call that number?'))!;
    expect(question.prompt).toBe(
      'Each of those neurons holds the grayscale value of its pixel: 0 for black, 1 for white. What does the lecture call that number?',
    );
    expect(question.choices[question.answer]).toBe('activation');
    expect(question.kind).toBe('definition');
  });

  it('answers with a key term and draws distractors of the same number that the prompt does not give away', () => {
    for (const id of sampleIds) {
      const analysis = analyseTranscript(sample(id), library);
      const keys = analysis.terms.slice(0, 16).flatMap((t) => [t.display, ...t.forms]);
      for (const q of extractQuiz(sample(id), { library }).questions.filter((x) => x.kind === 'definition' || x.kind === 'cloze')) {
        const answer = q.choices[q.answer]!;
        expect(keys, `${id}: ${q.prompt}`).toContain(answer);
        const plural = (w: string) => {
          const last = tokenize(w).at(-1)!;
          return last.lemma.toLowerCase() !== last.normal && last.normal.endsWith('s');
        };
        for (const choice of q.choices) {
          expect(plural(choice), `${id}: ${q.choices.join(' / ')}`).toBe(plural(answer));
          if (choice !== answer) expect(q.prompt.toLowerCase()).not.toContain(choice.toLowerCase());
        }
      }
    }
  });

  it('never offers a form of the answer as a distractor', () => {
    const analysis = analyseTranscript(sample('k7RM-ot2NWY'), library);
    const vector = analysis.terms.find((t) => t.key === 'vector')!;
    const distractors = distractorsFor(vector, 'vector', analysis.terms, '');
    expect(distractors).toHaveLength(3);
    for (const d of distractors) expect(d).not.toMatch(/vector/);
  });

  it('asks about ideas, not wording: no wrong choice a variant of the right one two words apart', () => {
    const quiz = extractQuiz(determinant, { library });
    expect(quiz.questions.filter((q) => q.kind === 'statement')).toEqual([]);
    for (const q of quiz.questions)
      for (const [i, c] of q.choices.entries()) if (i !== q.answer) expect(differsByFewWords(q.choices[q.answer]!, c), `${q.prompt}: ${c}`).toBe(false);
  });

  it('is deterministic', async () => {
    const generator = createOfflineGenerator({ library });
    const notes = await generator.generateNotes(input(sample('kYB8IZa5AuE')));
    const again = createOfflineGenerator({ libraryDir: videosDir });
    expect(await again.generateNotes(input(sample('kYB8IZa5AuE')))).toEqual(notes);
    expect(await again.generateQuiz({ ...input(sample('kYB8IZa5AuE')), notes })).toEqual(
      await generator.generateQuiz({ ...input(sample('kYB8IZa5AuE')), notes }),
    );
  });

  it('fails with a reason when the transcript is too short for a quiz', () => {
    const short = parseCaptions('0:00 Hello and welcome.\n0:03 Goodbye.', 'x.txt').segments;
    expect(() => extractQuiz(short)).toThrow(/too short for the offline quiz: .* set OPENAI_API_KEY/);
  });
});

describe('languages', () => {
  const german: Segment[] = [
    'Der Vektor ist der grundlegende Baustein der linearen Algebra.',
    'Ein Physiker stellt sich einen Vektor als Pfeil im Raum vor, der eine Länge und eine Richtung hat.',
    'Für Informatiker ist ein Vektor eine geordnete Liste von Zahlen, zum Beispiel Fläche und Preis eines Hauses.',
    'Mathematiker verallgemeinern beides: Vektoren lassen sich addieren und mit Zahlen multiplizieren, wobei sie gestreckt werden.',
  ].map((text, i) => ({ startMs: i * 5000, endMs: i * 5000 + 4000, text }));

  it('says which language it cannot read and how to get notes anyway', async () => {
    const generator = createOfflineGenerator();
    await expect(generator.generateNotes(input(german, { language: 'de' }))).rejects.toThrow(PipelineError);
    await expect(generator.generateNotes(input(german, { language: 'de' }))).rejects.toThrow(
      /English transcripts only; this transcript is in German: set OPENAI_API_KEY/,
    );
    await expect(generator.generateNotes(input(german, { language: 'en' }))).rejects.toThrow(/marked as English but does not read as English/);
    await expect(generator.generateNotes(input(determinant, { language: 'en-GB' }))).resolves.toBeTruthy();
  });
});
