/**
 * Measures generated study material against an instructor's reference
 * concepts: concept recall in titles and key terms, filler share, sentence
 * integrity, title form, quiz mix, whether answers are concepts and whether
 * wrong choices are mere variants of the right one. Used by
 * `npm run eval:material` and by the tests that hold the offline provider to its targets.
 */
import type { Notes, Segment, VideoQuiz } from '../../../src/lib/schema.ts';
import { differsByFewWords, isPunctuated, tokenize } from './language.ts';

export interface MaterialScore {
  concepts: number;
  recalled: string[];
  missed: string[];
  keyTerms: number;
  fillerTerms: string[];
  sentences: number;
  brokenSentences: string[];
  titles: number;
  badTitles: string[];
  questions: number;
  kinds: Record<string, number>;
  cloze: number;
  answersNotConcepts: string[];
  /** Answers of questions whose wrong choices include a variant of the answer two words or fewer apart: they test wording, not ideas. */
  nearCopies: string[];
}

export const TARGETS = { recall: 0.7, filler: 0.05, complete: 1, cloze: 1 / 3, nearCopy: 0.1 };

/** Lemmas in lower case, possessives dropped, so "Basis vectors" matches "basis vector" and "Biases" matches "bias". */
export const normalise = (text: string) =>
  ` ${tokenize(text.toLowerCase().replace(/[’']s\b/g, ''))
    .filter((t) => /[a-z0-9]/.test(t.value))
    .map((t) => t.lemma.toLowerCase())
    .join(' ')} `;

const contains = (haystack: string, needle: string) => normalise(haystack).includes(normalise(needle));

/**
 * Splits emitted prose into the transcript sentences it was built from; a piece
 * that is not one is broken. In unpunctuated captions a sentence is a run of
 * whole words, shown with a capital and a full stop the captions do not have.
 */
function checkSentences(prose: readonly string[], transcript: string): { total: number; broken: string[] } {
  let total = 0;
  const broken: string[] = [];
  const punctuated = isPunctuated(transcript);
  const lowerTranscript = transcript.toLowerCase();
  const atBoundary = (text: string) => {
    const [haystack, needle] = punctuated ? [transcript, text] : [lowerTranscript, text.replace(/\.$/, '').toLowerCase()];
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(needle, from);
      if (at < 0) return false;
      const before = haystack.slice(0, at).trimEnd();
      const after = haystack.charAt(at + needle.length);
      const starts = punctuated ? before === '' || /[.!?]["')\]”]?$/.test(before) : at === 0 || /\s/.test(haystack.charAt(at - 1));
      if (starts && (after === '' || /\s/.test(after))) return true;
      from = at + 1;
    }
  };
  for (const block of prose) {
    const pieces = block.split(/(?<=[.!?]["')\]”]?)\s+/).filter(Boolean);
    let current = '';
    for (const piece of pieces) {
      current = current ? `${current} ${piece}` : piece;
      if (/[.!?]["')\]”]?$/.test(current) && atBoundary(current)) {
        total++;
        current = '';
      }
    }
    if (current) {
      total++;
      broken.push(current);
    }
  }
  return { total, broken };
}

const quoted = (text: string) => /“(.+)”/.exec(text)?.[1];

/** Scores one lecture's notes and quiz against its reference concepts and a filler word list. */
export function scoreMaterial(
  notes: Notes,
  quiz: VideoQuiz,
  segments: readonly Segment[],
  references: readonly string[],
  filler: ReadonlySet<string>,
): MaterialScore {
  const titles = notes.sections.map((s) => s.title);
  const keyTerms = [...new Set([...notes.sections.flatMap((s) => s.keyTerms), ...notes.glossary.map((g) => g.term)].map((t) => t.toLowerCase()))];
  const named = [...titles, ...keyTerms];
  const recalled: string[] = [];
  const missed: string[] = [];
  for (const concept of references) {
    const forms = concept.split('|').map((f) => f.trim());
    (forms.some((f) => named.some((n) => contains(n, f))) ? recalled : missed).push(forms[0]!);
  }
  const isFiller = (term: string) =>
    tokenize(term).some((t) => /\p{L}/u.test(t.value) && (filler.has(t.normal) || filler.has(t.lemma))) ||
    tokenize(term).every((t) => t.stop || !/\p{L}/u.test(t.value));
  const transcript = segments
    .map((s) => s.text.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' ');
  const prose = [
    notes.summary,
    ...notes.sections.flatMap((s) =>
      s.body
        .split('\n')
        .map((line) => line.replace(/^\s*[-*]\s+/, '').trim())
        .filter(Boolean),
    ),
    ...notes.glossary.map((g) => g.definition),
    ...quiz.questions.map((q) => quoted(q.explanation)).filter((t): t is string => Boolean(t)),
  ];
  const sentences = checkSentences(prose, transcript);
  const badTitles = titles.filter((t) => {
    const words = t.split(/\s+/).length;
    return words < 2 || words > 8 || t.includes(',') || /^part \d+$/i.test(t);
  });
  const kinds: Record<string, number> = {};
  const answersNotConcepts: string[] = [];
  const nearCopies: string[] = [];
  for (const q of quiz.questions) {
    if (q.choices.some((c, i) => i !== q.answer && differsByFewWords(q.choices[q.answer]!, c))) nearCopies.push(q.choices[q.answer]!);
    const kind = q.kind ?? (q.prompt.includes('____') ? 'cloze' : 'concept');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const answer = q.choices[q.answer]!;
    const subject = kind === 'term' ? (quoted(q.prompt) ?? '') : answer;
    const concepts = [...keyTerms, ...references.flatMap((r) => r.split('|').map((f) => f.trim()))];
    if (!concepts.some((c) => contains(subject, c)) || (kind !== 'statement' && isFiller(subject))) answersNotConcepts.push(answer);
  }
  return {
    concepts: references.length,
    recalled,
    missed,
    keyTerms: keyTerms.length,
    fillerTerms: keyTerms.filter(isFiller),
    sentences: sentences.total,
    brokenSentences: sentences.broken,
    titles: titles.length,
    badTitles,
    questions: quiz.questions.length,
    kinds,
    cloze: kinds.cloze ?? 0,
    answersNotConcepts,
    nearCopies,
  };
}

export interface LectureScore extends MaterialScore {
  id: string;
}

/** Totals over lectures, as the shares the targets are stated in. */
export function summarise(scores: readonly LectureScore[]) {
  const sum = (f: (s: LectureScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    recall: share(
      sum((s) => s.recalled.length),
      sum((s) => s.concepts),
    ),
    filler: share(
      sum((s) => s.fillerTerms.length),
      sum((s) => s.keyTerms),
    ),
    complete: share(
      sum((s) => s.sentences - s.brokenSentences.length),
      sum((s) => s.sentences),
    ),
    titleForm: share(
      sum((s) => s.titles - s.badTitles.length),
      sum((s) => s.titles),
    ),
    commaTitles: sum((s) => s.badTitles.filter((t) => t.includes(',')).length),
    cloze: share(
      sum((s) => s.cloze),
      sum((s) => s.questions),
    ),
    answersConcepts: share(
      sum((s) => s.questions - s.answersNotConcepts.length),
      sum((s) => s.questions),
    ),
    nearCopy: share(
      sum((s) => s.nearCopies.length),
      sum((s) => s.questions),
    ),
    questions: sum((s) => s.questions),
  };
}

/** Which targets a summary misses, in words. */
export function missedTargets(total: ReturnType<typeof summarise>): string[] {
  const missed: string[] = [];
  if (total.recall < TARGETS.recall) missed.push(`concept recall ${(total.recall * 100).toFixed(0)} % < 70 %`);
  if (total.filler > TARGETS.filler) missed.push(`filler ${(total.filler * 100).toFixed(0)} % > 5 %`);
  if (total.complete < TARGETS.complete) missed.push(`complete sentences ${(total.complete * 100).toFixed(0)} % < 100 %`);
  if (total.cloze > TARGETS.cloze + 1e-9) missed.push(`cloze ${(total.cloze * 100).toFixed(0)} % > 33 %`);
  if (total.nearCopy > TARGETS.nearCopy + 1e-9) missed.push(`near-copy choices ${(total.nearCopy * 100).toFixed(0)} % > 10 %`);
  if (total.commaTitles > 0) missed.push(`${total.commaTitles} comma-list titles`);
  return missed;
}
