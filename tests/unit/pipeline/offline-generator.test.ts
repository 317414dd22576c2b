// The offline generator's edges on small transcripts: language checks, the library it weighs terms against, and its interface.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PipelineError, type GenerationInput } from '../../../scripts/pipeline/adapters.ts';
import { OFFLINE_MODEL } from '../../../scripts/pipeline/config.ts';
import {
  analyseTranscript,
  assertEnglish,
  createOfflineGenerator,
  extractNotes,
  extractQuiz,
  readLibraryStats,
} from '../../../scripts/pipeline/offline-provider.ts';
import { libraryStats } from '../../../scripts/pipeline/offline/terms.ts';
import { parseCaptions } from '../../../scripts/pipeline/captions.ts';
import { serializeNotes } from '../../../src/lib/video-material.ts';
import { notesSchema, videoQuizSchema, type Segment } from '../../../src/lib/schema.ts';
import { findMath } from '../../../src/lib/math.ts';

const lecture = (...lines: string[]): Segment[] => lines.map((text, i) => ({ startMs: i * 5000, endMs: i * 5000 + 4500, text }));
const vectors = lecture(
  'A vector is an arrow that has a length and a direction.',
  'We add two vectors by placing the tail of one vector at the tip of the other.',
  'A number that stretches a vector is called a scalar.',
  'Multiplying a vector by a scalar changes its length but keeps its direction.',
  'A matrix is a grid of numbers that describes a linear transformation.',
  'A linear transformation keeps grid lines parallel and evenly spaced.',
  'The determinant of a matrix is zero when the matrix squashes the plane onto a line.',
  'The span of the columns of a matrix is called its column space.',
  'The column space tells us which outputs the matrix can reach.',
  'The span of two vectors is the set of every linear combination of them.',
  'A linear combination adds scaled vectors together.',
  'Every linear combination of the two basis vectors lands somewhere in the plane.',
);
const german = lecture(
  'Die Determinante einer linearen Abbildung misst, wie stark sie Flächen im Raum streckt oder staucht.',
  'Wenn die Determinante null ist, dann wird die ganze Ebene auf eine Linie oder auf einen Punkt gedrückt.',
  'Eine negative Determinante bedeutet, dass die Orientierung des Raumes umgekehrt wird, wie bei einem Spiegel.',
);
const input = (segments: readonly Segment[], extra: Partial<GenerationInput> = {}): GenerationInput => ({
  youtubeVideoId: 'fNk_zzaMoSs',
  title: '',
  segments,
  language: 'en',
  ...extra,
});

describe('language', () => {
  const how =
    'set OPENAI_API_KEY (or NOTES_GENERATION_ENDPOINT for a local model) to have a model write notes in that language, or commit an English caption file beside the entry';

  it('names the language it cannot read, by its code with any region, and says how to get notes anyway', () => {
    expect(() => assertEnglish(german, 'de')).toThrow(PipelineError);
    expect(() => assertEnglish(german, 'de')).toThrow(`the offline provider reads English transcripts only; this transcript is in German: ${how}`);
    expect(() => assertEnglish(german, 'de-AT')).toThrow(/is in German:/);
    expect(() => assertEnglish(german, 'pt_BR')).toThrow(/is in Portuguese:/);
    expect(() => assertEnglish(german, 'sv')).toThrow(/is in "sv":/);
    const names = {
      de: 'German',
      fr: 'French',
      es: 'Spanish',
      it: 'Italian',
      pt: 'Portuguese',
      nl: 'Dutch',
      ru: 'Russian',
      ja: 'Japanese',
      zh: 'Chinese',
      ko: 'Korean',
      ar: 'Arabic',
      hi: 'Hindi',
      pl: 'Polish',
      tr: 'Turkish',
    };
    for (const [code, name] of Object.entries(names)) expect(() => assertEnglish(german, code), code).toThrow(`this transcript is in ${name}: `);
  });

  it('reads English of any region, and a transcript marked English that is not, once it is long enough to tell', () => {
    expect(() => assertEnglish(vectors, 'EN-us')).not.toThrow();
    expect(() => assertEnglish(vectors)).not.toThrow();
    expect(() => assertEnglish(german, 'en')).toThrow(`the transcript is marked as English but does not read as English: ${how}`);
    expect(() => assertEnglish(german.slice(0, 2), 'en')).not.toThrow();
  });
});

describe('analysis', () => {
  it('refuses an empty transcript, saying so', () => {
    expect(() => analyseTranscript(lecture(' ', ''))).toThrow(PipelineError);
    expect(() => analyseTranscript([])).toThrow('the transcript is empty: nothing to take notes from');
  });

  it('weighs terms against the library and the title', () => {
    expect(analyseTranscript(vectors).terms[0]!.key).toBe('vector');
    const everywhere = libraryStats(Array.from({ length: 9 }, () => new Set(['vector'])));
    expect(analyseTranscript(vectors, everywhere).terms[0]!.key).toBe('matrix');
    expect(analyseTranscript(vectors, undefined, 'The matrix').terms[0]!.key).toBe('matrix');
    expect(extractNotes(vectors, { library: everywhere }).sections[0]!.keyTerms[0]).toBe('matrix');
    expect(extractNotes(vectors).glossary[0]!.term).toBe('vector');
    expect(extractNotes(vectors, { title: 'The matrix' }).glossary[0]!.term).toBe('matrix');
    expect(
      extractNotes(vectors, {
        chapters: [
          { title: 'Matrices', startMs: 20_000 },
          { title: 'Vectors', startMs: 0 },
        ],
      }).sections.map((s) => s.title),
    ).toEqual(['Vectors', 'Matrices']);
    expect(extractQuiz(vectors, { library: everywhere, title: 'The matrix' }).questions.length).toBeGreaterThanOrEqual(5);
  });
});

describe('the library', () => {
  const dir = mkdtempSync(join(tmpdir(), 'learnspace-library-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const vtt = (text: string) => `WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n${text}\n`;
  writeFileSync(join(dir, 'a.vtt'), vtt('Every vector has a length. A vector points somewhere.'));
  writeFileSync(join(dir, 'b.SRT'), '1\n00:00:00,000 --> 00:00:04,000\nA vector and a matrix. The matrix acts on the vector.\n');
  writeFileSync(join(dir, 'c.txt'), '[00:00] A neuron fires. The neuron has a bias.\n');
  writeFileSync(join(dir, 'notes.md'), 'A vector is an arrow. The vector points up.\n');
  writeFileSync(join(dir, 'empty.vtt'), '');

  it('counts each readable caption file once, leaving out other files and files it cannot read', () => {
    const stats = readLibraryStats(dir);
    expect(stats.documents).toBe(3);
    expect(stats.frequency.get('vector')).toBe(2);
    expect(stats.frequency.get('neuron')).toBe(1);
  });

  it('is empty when the folder does not exist', () => {
    expect(readLibraryStats(join(dir, 'missing'))).toEqual({ documents: 0, frequency: new Map() });
  });

  it('is read from the folder when given one, else taken as given, else empty', async () => {
    const fromDir = await createOfflineGenerator({ libraryDir: dir }).generateNotes(input(vectors));
    const asGiven = await createOfflineGenerator({ libraryDir: join(dir, 'missing'), library: readLibraryStats(dir) }).generateNotes(input(vectors));
    const empty = await createOfflineGenerator().generateNotes(input(vectors));
    expect(asGiven).toEqual(fromDir);
    expect(empty).toEqual(extractNotes(vectors));
    expect(fromDir).toEqual(extractNotes(vectors, { library: readLibraryStats(dir) }));
    expect(fromDir).not.toEqual(empty);
  });
});

describe('the generator', () => {
  it('is the offline provider with its own model name, writing notes with chapters and title, and a quiz', async () => {
    const generator = createOfflineGenerator();
    expect(generator.provider).toBe('offline');
    expect(generator.model).toBe(OFFLINE_MODEL);
    const chapters = [
      { title: 'Vectors', startMs: 0 },
      { title: 'Matrices', startMs: 20_000 },
    ];
    const notes = await generator.generateNotes(input(vectors, { chapters, title: 'The matrix' }));
    expect(notes).toEqual(extractNotes(vectors, { chapters, title: 'The matrix' }));
    expect(await generator.generateQuiz({ ...input(vectors, { title: 'The matrix' }), notes })).toEqual(extractQuiz(vectors, { title: 'The matrix' }));
  });

  it('checks the language of every request, even for a transcript it has already read', async () => {
    const generator = createOfflineGenerator();
    const segments = lecture(...german.map((s) => s.text), ...german.map((s) => s.text));
    await expect(generator.generateNotes(input(vectors))).resolves.toBeDefined();
    await expect(generator.generateQuiz({ ...input(vectors, { language: 'de' }), notes: extractNotes(vectors) })).rejects.toThrow(/is in German/);
    await expect(generator.generateNotes(input(segments))).rejects.toThrow(/does not read as English/);
  });
});

describe('section headings from real caption timings', () => {
  // youtube-dl's WebVTT: a header with Kind and Language, cue settings, cues on odd milliseconds.
  const cues = [
    ['00:00:00.420', 'Hello everyone, and welcome back.'],
    ['00:00:02.130', 'Today we talk about the determinant of a matrix.'],
    ['00:00:05.870', 'The determinant of a matrix measures how much a linear transformation scales areas.'],
    ['00:00:11.980', 'When the determinant approaches zero, the transformation squashes the plane.'],
    ['00:00:17.305', 'A determinant of zero means the columns of the matrix are linearly dependent.'],
    ['00:00:23.640', 'A negative determinant means the transformation flips the orientation of space.'],
    ['00:00:29.015', 'The determinant of a matrix product is the product of the determinants.'],
    ['00:00:35.770', 'So the determinant of the matrix tells us how the area of a shape changes.'],
  ];
  const vtt = `WEBVTT\nKind: captions\nLanguage: en\n\n${cues
    .map(([start, text], i) => `${start} --> ${cues[i + 1]?.[0] ?? '00:00:41.000'} align:start position:0%\n${text}\n`)
    .join('\n')}`;
  const { segments } = parseCaptions(vtt, 'determinant.en.vtt');

  it('start on a whole second, so the heading reads "0:05", never "0:05.870"', () => {
    const notes = extractNotes(segments);
    expect(notes.sections.length).toBeGreaterThan(0);
    for (const section of notes.sections) expect(section.startMs % 1000).toBe(0);
    const headings = serializeNotes(notes, undefined, false)
      .split('\n')
      .filter((line) => line.startsWith('## '));
    for (const heading of headings) expect(heading).toMatch(/^## \d+:\d{2} [A-Z]/);
  });

  it('are noun phrases, not a subject with the verb the tagger read as a noun', () => {
    const [section] = extractNotes(segments).sections;
    expect(section!.title).toBe('The determinant of a matrix');
  });
});

describe('formulas', () => {
  const withMath = lecture(
    ...vectors.slice(0, 6).map((s) => s.text),
    'The determinant of a two by two matrix is written $\\det A = ad - bc$ in the notation of the lecture.',
    'The column space of a matrix is written \\(\\operatorname{col}(A)\\) and holds every output.',
    'A linear combination adds scaled vectors together, like $$a\\vec{v} + b\\vec{w}$$ in the plane.',
    ...vectors.slice(6).map((s) => s.text),
  );
  const transcriptFormulas = new Set(withMath.flatMap((s) => findMath(s.text).map((f) => s.text.slice(f.start, f.end))));
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];

  it('passes the TeX of a transcript through untouched, as formulas the site renders', () => {
    const notes = extractNotes(withMath);
    const quiz = extractQuiz(withMath);
    const written = [...strings(notes), ...strings(quiz)].flatMap((text) => findMath(text).map((f) => text.slice(f.start, f.end)));
    expect(new Set(written).size).toBeGreaterThanOrEqual(2);
    for (const formula of written) expect(transcriptFormulas, formula).toContain(formula);
    expect(notesSchema.safeParse(notes).success).toBe(true);
    expect(videoQuizSchema.safeParse(quiz).success).toBe(true);
  });
});
