/**
 * Study notes from an analysed transcript: sections (the lecture's chapters,
 * else topic shifts) titled by their key phrase, the most central sentences as
 * body and summary (MMR, no near-duplicates), and a glossary of the sentences
 * that define the key terms.
 */
import type { GlossaryEntry, Notes, VideoChapter } from '../../../src/lib/schema.ts';
import type { Sentence, Token } from './language.ts';
import { isFillerWord, isVagueAdjective, termPattern, type Term } from './terms.ts';

export interface Analysis {
  sentences: Sentence[];
  /** Ranked key terms of the lecture, best first. */
  terms: Term[];
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Openers that lean on the sentence before, so the sentence cannot stand alone in a summary. */
const DEPENDENT_OPENERS = new Set([
  'and',
  'but',
  'so',
  'or',
  'because',
  'which',
  'then',
  'also',
  'that',
  'this',
  'these',
  'those',
  'it',
  'they',
  'he',
  'she',
  'here',
  'there',
  'now',
  'again',
  'yes',
  'no',
  'well',
  'okay',
  'ok',
  'oh',
  'hmm',
]);

/** Greetings and sign-offs: talk around the lesson, never a summary line. */
const GREETING = /^\W*(?:hi|hello|hey|welcome|thanks for|thank you)\b/i;

/** A sentence a reader can take out of the lecture: whole (or cut at a pause in unpunctuated captions), a statement, 6-45 words, not leaning on the one before, not a greeting. */
export function standsAlone(s: Sentence): boolean {
  const words = wordCount(s.text);
  const first = s.tokens.find((t) => t.pos !== 'PUNCT');
  return (
    (s.punctuated || s.fromPauses) &&
    !s.text.endsWith('?') &&
    words >= 6 &&
    words <= 45 &&
    (s.fromPauses || /^["'(]?[A-Z0-9]/.test(s.text)) &&
    first !== undefined &&
    !DEPENDENT_OPENERS.has(first.normal) &&
    !GREETING.test(s.text)
  );
}

const contentLemmas = (s: Sentence) =>
  new Set(s.tokens.filter((t) => !t.stop && /^(NOUN|PROPN|VERB|ADJ)$/.test(t.pos) && t.value.length > 2).map((t) => t.lemma.toLowerCase()));

function cosine(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/** Key-term weight of a sentence, per word, so long sentences do not win by length. */
function relevance(index: number, sentence: Sentence, terms: readonly Term[]): number {
  let sum = 0;
  for (const t of terms) if (t.sentences.includes(index)) sum += t.score;
  return sum / Math.sqrt(sentence.tokens.length + 5);
}

/**
 * Maximal marginal relevance: the most central sentences, each as unlike the
 * ones already chosen as possible; near-duplicates (cosine >= 0.5) never both.
 * Returns indexes in transcript order.
 */
export function centralSentences(analysis: Analysis, indexes: readonly number[], count: number): number[] {
  const terms = analysis.terms.slice(0, 25);
  const pool = indexes.filter((i) => standsAlone(analysis.sentences[i]!));
  const rel = new Map(pool.map((i) => [i, relevance(i, analysis.sentences[i]!, terms)]));
  const top = Math.max(...rel.values(), 1e-9);
  const bags = new Map(pool.map((i) => [i, contentLemmas(analysis.sentences[i]!)]));
  const chosen: number[] = [];
  while (chosen.length < count) {
    let best = -1;
    let bestScore = -Infinity;
    for (const i of pool) {
      if (chosen.includes(i)) continue;
      const redundancy = Math.max(0, ...chosen.map((c) => cosine(bags.get(i)!, bags.get(c)!)));
      if (redundancy >= 0.5) continue;
      const score = 0.7 * (rel.get(i)! / top) - 0.3 * redundancy;
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    if (best < 0) break;
    chosen.push(best);
  }
  return chosen.sort((a, b) => a - b);
}

/** Sentence ranges by vocabulary shift between adjacent windows, about one per 230 words, at most 8. */
export function topicSections(sentences: readonly Sentence[]): number[][] {
  const all = sentences.map((_, i) => i);
  const words = sentences.reduce((n, s) => n + wordCount(s.text), 0);
  const windowSize = 3;
  const windows: number[][] = [];
  for (let i = 0; i < all.length; i += windowSize) windows.push(all.slice(i, i + windowSize));
  const target = Math.max(1, Math.min(8, windows.length, Math.round(words / 230)));
  if (target === 1) return [all];
  const bags = windows.map((w) => new Set(w.flatMap((i) => [...contentLemmas(sentences[i]!)])));
  const gaps = bags.slice(1).map((b, i) => ({ at: i + 1, similarity: cosine(bags[i]!, b) }));
  const spacing = Math.max(1, Math.floor(windows.length / (target * 2)));
  const cuts: number[] = [];
  for (const gap of [...gaps].sort((a, b) => a.similarity - b.similarity || a.at - b.at)) {
    if (cuts.length >= target - 1) break;
    if (gap.at < spacing || windows.length - gap.at < spacing || cuts.some((c) => Math.abs(c - gap.at) < spacing)) continue;
    cuts.push(gap.at);
  }
  cuts.sort((a, b) => a - b);
  const sections: number[][] = [];
  let from = 0;
  for (const cut of [...cuts, windows.length]) {
    sections.push(windows.slice(from, cut).flat());
    from = cut;
  }
  return sections.filter((s) => s.length > 0);
}

/** A section too thin to stand alone (a sign-off, a stray aside) joins its neighbour. */
export function mergeThinSections(sections: number[][], analysis: Analysis): number[][] {
  const hasTerm = (section: number[]) => analysis.terms.slice(0, 20).some((t) => section.some((i) => t.sentences.includes(i)));
  const merged: number[][] = [];
  for (const section of sections) {
    const thin = section.length < 3 || !hasTerm(section);
    if (thin && merged.length > 0) merged.at(-1)!.push(...section);
    else merged.push([...section]);
  }
  if (merged.length > 1 && (merged[0]!.length < 3 || !hasTerm(merged[0]!))) merged[1]!.unshift(...merged.shift()!);
  return merged;
}

/** Sentences by chapter: each sentence belongs to the last chapter that starts at or before it. */
function chapterSections(sentences: readonly Sentence[], chapters: readonly VideoChapter[]): { chapter: VideoChapter; indexes: number[] }[] {
  const ordered = [...chapters].sort((a, b) => a.startMs - b.startMs);
  const groups = ordered.map((chapter) => ({ chapter, indexes: [] as number[] }));
  sentences.forEach((s, i) => {
    let at = 0;
    while (at + 1 < ordered.length && ordered[at + 1]!.startMs <= s.startMs) at++;
    groups[at]!.indexes.push(i);
  });
  return groups.filter((g) => g.indexes.length > 0);
}

const POSSESSIVE = new Set(["'s", "'", '’s']);
const ARTICLES = new Set(['a', 'an', 'the']);
const POINTERS = new Set(['this', 'that', 'these', 'those', 'our', 'your', 'its', 'their', 'my', 'his', 'her', 'each', 'every', 'some', 'any']);

function joinTokens(tokens: readonly Token[]): string {
  return tokens
    .map((t) => t.value)
    .join(' ')
    .replace(/ (['’]s?)(?=\s|$)/g, '$1')
    .replace(/ ?- ?/g, '-');
}

/** The fullest natural phrase around a term in a sentence: "the neuron's activation", "a linear transformation". */
export function phraseAround(term: Term, sentence: Sentence): string | null {
  const tokens = sentence.tokens;
  for (const form of term.forms) {
    const words = form.split(/[\s]+/).flatMap((w) => (w.includes('-') ? w.split(/(-)/) : [w]));
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (!words.every((w, k) => tokens[i + k]!.normal === w)) continue;
      let from = i;
      let end = i + words.length;
      // A compound goes on to its head noun: "unit" is read as "the unit square".
      while (
        end < tokens.length &&
        end - i < words.length + 2 &&
        tokens[end - 1]!.normal === tokens[end - 1]!.lemma.toLowerCase() &&
        tokens[end]!.pos === 'NOUN' &&
        !isFillerWord(tokens[end]!.value) &&
        /^[a-z-]{3,}$/i.test(tokens[end]!.value)
      )
        end++;
      for (;;) {
        const prev = tokens[from - 1];
        if (prev && POSSESSIVE.has(prev.normal) && tokens[from - 2] && /NOUN|PROPN/.test(tokens[from - 2]!.pos)) from -= 2;
        else if (prev && prev.pos === 'ADJ' && !prev.stop && !isVagueAdjective(prev) && end - from < 4) from -= 1;
        else break;
      }
      const article = tokens[from - 1];
      const body = joinTokens(tokens.slice(from, end));
      if (article && ARTICLES.has(article.normal)) return `${article.normal} ${body}`;
      if (article && POINTERS.has(article.normal)) return `the ${body}`;
      return body;
    }
  }
  return null;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Terms of a section, most characteristic first: in-section mentions times lecture specificity times the share of mentions here. */
export function sectionTerms(analysis: Analysis, indexes: readonly number[]): Term[] {
  const inSection = new Set(indexes);
  return analysis.terms
    .slice(0, 30)
    .map((t) => {
      const here = t.sentences.filter((i) => inSection.has(i)).length;
      return { t, weight: here * t.score * (here / t.sentences.length) };
    })
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.t.key.localeCompare(b.t.key))
    .map((x) => x.t);
}

/** A natural title of 2-8 words naming what the section is about: its key phrase, else its two key terms; never a list of words. */
export function sectionTitle(analysis: Analysis, indexes: readonly number[], terms: readonly Term[], used: Set<string>): string {
  const accept = (title: string) => {
    const text = capitalise(title.split(/\s+/).slice(0, 8).join(' '));
    if (used.has(text.toLowerCase())) return null;
    used.add(text.toLowerCase());
    return text;
  };
  const leading = terms.slice(0, 3);
  for (const term of leading) {
    const phrases = indexes.map((i) => phraseAround(term, analysis.sentences[i]!)).filter((p): p is string => p !== null);
    const phrase = phrases
      .filter((p) => p.split(/\s+/).filter((w) => !ARTICLES.has(w)).length >= 2)
      .sort((a, b) => wordCount(b) - wordCount(a) || a.localeCompare(b))[0];
    const title = phrase ? accept(phrase) : null;
    if (title) return title;
  }
  for (const [a, b] of leading.flatMap((x, i) => leading.slice(i + 1).map((y) => [x, y] as const))) {
    if (` ${a.key} `.includes(` ${b.key} `) || ` ${b.key} `.includes(` ${a.key} `)) continue;
    const title = accept(`${a.forms[0]} and ${b.forms[0]}`);
    if (title) return title;
  }
  return accept(leading[0] ? `the ${leading[0].display}` : `part ${used.size + 1}`) ?? `Part ${used.size + 1}`;
}

/** Unpunctuated captions get a capital and a full stop, the rest is shown as said. */
export const asDisplayed = (s: Sentence) => (s.fromPauses ? `${capitalise(s.text)}.` : s.text);

/** The sentence that defines a term: "X is called a scalar", "we call that number the activation", "A vector is ...". */
export function definingSentence(term: Term, sentences: readonly Sentence[]): number | null {
  const t = termPattern(term).source;
  // The term closes a naming clause, or is the subject near the start of a defining one.
  const named = `(?:an?\\s+|the\\s+)?(?:[\\w-]+['’]s\\s+)?${t}(?=\\s*(?:[.,;:!)]|$)|\\s+(?:of|for|in)\\s)`;
  const notInPhrase = `(?<!\\b(?:of|in|for|to|with|on|by|from|at|into)\\s+(?:(?:an?|the)\\s+)?(?:(?!(?:an?|the)\\s)[\\w'’-]+\\s+){0,2})`;
  const subject = `^(?:[\\w'’-]+\\s+){0,3}?(?:(?:an?|the)\\s+)?${t}`;
  const patterns = [
    new RegExp(`\\b(?:called|known as|referred to as|named|dubbed)\\s+${named}`, 'i'),
    // The name closes the clause "call": never past a comma, never inside a phrase like "of the matrices".
    new RegExp(`\\bcall\\b[^.;,]{0,60}?\\s${notInPhrase}${named}`, 'i'),
    new RegExp(`${subject}\\s+(?:is|are|means|refers to|measures|tells us)\\s+(?:an?|the|just|simply|basically|how|what|where|whether)\\b`, 'i'),
    new RegExp(`${subject},?\\s+(?:which|that)\\s+(?:is|are|means)\\b`, 'i'),
  ];
  for (const pattern of patterns) {
    for (const i of term.sentences) {
      const s = sentences[i]!;
      if ((s.punctuated || s.fromPauses) && wordCount(s.text) <= 50 && !s.text.endsWith('?') && pattern.test(s.text)) return i;
    }
  }
  return null;
}

export function glossaryOf(analysis: Analysis, count = 10): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  for (const term of analysis.terms.slice(0, 16)) {
    if (entries.length >= count) break;
    const at = definingSentence(term, analysis.sentences);
    if (at === null) continue;
    const s = analysis.sentences[at]!;
    entries.push({ term: term.display, definition: asDisplayed(s), startMs: s.startMs });
  }
  return entries;
}

/** Notes for an analysed transcript; with chapters, one section per chapter under its own title. */
export function buildNotes(analysis: Analysis, chapters: readonly VideoChapter[] = []): Notes {
  const { sentences } = analysis;
  const grouped =
    chapters.length > 0
      ? chapterSections(sentences, chapters).map((g) => ({ indexes: g.indexes, title: g.chapter.title, startMs: g.chapter.startMs }))
      : mergeThinSections(topicSections(sentences), analysis).map((indexes) => ({ indexes, title: '', startMs: sentences[indexes[0]!]!.startMs }));
  const used = new Set<string>();
  const sections = grouped.map(({ indexes, title, startMs }) => {
    const terms = sectionTerms(analysis, indexes);
    const chosen = centralSentences(analysis, indexes, 3);
    const body = (chosen.length > 0 ? chosen : [indexes.reduce((a, b) => (sentences[b]!.text.length > sentences[a]!.text.length ? b : a))])
      .map((i) => `- ${asDisplayed(sentences[i]!)}`)
      .join('\n');
    return {
      title: title || sectionTitle(analysis, indexes, terms, used),
      body,
      startMs,
      keyTerms: terms.slice(0, 5).map((t) => t.display),
    };
  });
  const summaryAt = centralSentences(
    analysis,
    sentences.map((_, i) => i),
    4,
  );
  const summary = (summaryAt.length > 0 ? summaryAt.map((i) => asDisplayed(sentences[i]!)) : [asDisplayed(sentences[0]!)]).join(' ');
  return { summary, sections, glossary: glossaryOf(analysis) };
}
