/**
 * The provider used when no API key is set: study notes, a glossary and a
 * concept quiz extracted from an English transcript with wink-nlp (sentences,
 * parts of speech, lemmas) and key terms weighed against the whole library.
 * No network, no model; the site labels the result as auto-extracted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Notes, Segment, VideoChapter, VideoQuiz } from '../../src/lib/schema.ts';
import { OFFLINE_MODEL } from './config.ts';
import { parseCaptions } from './captions.ts';
import { PipelineError, type GenerationInput, type NotesAndQuizGenerator } from './adapters.ts';
import { englishStopWordShare, splitSentences } from './offline/language.ts';
import { documentTerms, EMPTY_LIBRARY, libraryStats, rankTerms, type LibraryStats } from './offline/terms.ts';
import { buildNotes, type Analysis } from './offline/notes.ts';
import { buildQuiz } from './offline/quiz.ts';

export { splitSentences } from './offline/language.ts';

const LANGUAGE_NAMES: Record<string, string> = {
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

/** English only: anything else fails with what to do, rather than producing notes nobody can use. */
export function assertEnglish(segments: readonly Segment[], language = 'en'): void {
  const code = language.toLowerCase().split(/[-_]/)[0]!;
  const how =
    'set OPENAI_API_KEY (or NOTES_GENERATION_ENDPOINT for a local model) to have a model write notes in that language, or commit an English caption file beside the entry';
  if (code !== 'en') {
    const name = LANGUAGE_NAMES[code] ?? `"${language}"`;
    throw new PipelineError(`the offline provider reads English transcripts only; this transcript is in ${name}: ${how}`);
  }
  const text = segments.map((s) => s.text).join(' ');
  // English prose is about 40 % stop words; text in another language marked "en" has almost none.
  if (text.split(/\s+/).length >= 40 && englishStopWordShare(text) < 0.15) {
    throw new PipelineError(`the transcript is marked as English but does not read as English: ${how}`);
  }
}

/** Sentences and ranked key terms of a transcript against the library. */
export function analyseTranscript(segments: readonly Segment[], library: LibraryStats = EMPTY_LIBRARY, title = ''): Analysis {
  const sentences = splitSentences(segments);
  if (sentences.length === 0) throw new PipelineError('the transcript is empty: nothing to take notes from');
  return { sentences, terms: rankTerms(sentences, library, title) };
}

/** Notes for a transcript: sections (the chapters when given), summary, key terms and glossary. */
export function extractNotes(
  segments: readonly Segment[],
  options: { library?: LibraryStats; title?: string; chapters?: readonly VideoChapter[] } = {},
): Notes {
  return buildNotes(analyseTranscript(segments, options.library, options.title), options.chapters);
}

/** A 5-10 question concept quiz for a transcript. */
export function extractQuiz(segments: readonly Segment[], options: { library?: LibraryStats; title?: string } = {}): VideoQuiz {
  return buildQuiz(analyseTranscript(segments, options.library, options.title));
}

/** Term statistics of the caption files in a folder (content/videos): what is common across the library. */
export function readLibraryStats(videosDir: string): LibraryStats {
  let files: string[];
  try {
    files = readdirSync(videosDir).filter((f) => /\.(vtt|srt|txt)$/i.test(f));
  } catch {
    return EMPTY_LIBRARY;
  }
  const documents: Set<string>[] = [];
  for (const file of files) {
    try {
      const { segments } = parseCaptions(readFileSync(join(videosDir, file), 'utf8'), file);
      documents.push(documentTerms(splitSentences(segments)));
    } catch {
      // A caption file the pipeline cannot read fails its own video, with the reason; here it is only left out.
    }
  }
  return libraryStats(documents);
}

export interface OfflineGeneratorOptions {
  /** The folder of library caption files, read once on first use (key terms are weighed against it). */
  libraryDir?: string;
  /** Or the library's statistics directly. */
  library?: LibraryStats;
}

/** The offline generator: same interface as the OpenAI one, pure and synchronous underneath. */
export function createOfflineGenerator(options: OfflineGeneratorOptions = {}): NotesAndQuizGenerator {
  let library = options.library;
  const stats = () => (library ??= options.libraryDir ? readLibraryStats(options.libraryDir) : EMPTY_LIBRARY);
  const analyses = new WeakMap<readonly Segment[], Analysis>();
  const analyse = (input: GenerationInput) => {
    assertEnglish(input.segments, input.language);
    let analysis = analyses.get(input.segments);
    if (!analysis) analyses.set(input.segments, (analysis = analyseTranscript(input.segments, stats(), input.title)));
    return analysis;
  };
  return {
    provider: 'offline',
    model: OFFLINE_MODEL,
    generateNotes: async (input) => buildNotes(analyse(input), input.chapters),
    generateQuiz: async (input) => buildQuiz(analyse(input)),
  };
}
