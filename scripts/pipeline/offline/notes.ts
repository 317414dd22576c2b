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

/** Words after a noun that show it was the verb of the clause ("the gradient encodes the…", "the determinant approaches zero"), which wink-nlp tags as nouns. */
const AFTER_A_VERB = /^(DET|NUM|PRON|AUX|PART)$/;

/** How often each two-word compound ("basis vectors") occurs in a lecture: a compound that recurs is a name, one said once may be a subject and its verb. */
export function compoundCounts(sentences: readonly Sentence[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sentences)
    for (let i = 0; i + 1 < s.tokens.length; i++) {
      const key = `${s.tokens[i]!.normal} ${s.tokens[i + 1]!.normal}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

export interface Phrase {
  /** The noun phrase as it reads in the sentence, article first ("the area"). */
  text: string;
  /** Its words without the article. */
  words: number;
  /** An "of" complement after it ("of a circle", head "circle"), if any. */
  complement: { text: string; words: number; head: string } | null;
}

const withComplement = (p: Phrase) => (p.complement ? `${p.text} ${p.complement.text}` : p.text);

/**
 * The fullest natural noun phrase around a term in a sentence: "the neuron's
 * activation", "a linear transformation", "the area of a circle". A compound
 * goes on to a following noun only when that noun is not the clause's verb and,
 * given the lecture's compounds, only when the compound recurs.
 */
export function nounPhraseAround(term: Term, sentence: Sentence, compounds?: ReadonlyMap<string, number>): Phrase | null {
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
        !isFillerWord(tokens[end]!.lemma) &&
        /^[a-z-]{3,}$/i.test(tokens[end]!.value) &&
        !AFTER_A_VERB.test(tokens[end + 1]?.pos ?? '') &&
        (!compounds || (compounds.get(`${tokens[end - 1]!.normal} ${tokens[end]!.normal}`) ?? 0) >= 2)
      )
        end++;
      for (;;) {
        const prev = tokens[from - 1];
        if (prev && POSSESSIVE.has(prev.normal) && tokens[from - 2] && /NOUN|PROPN/.test(tokens[from - 2]!.pos)) from -= 2;
        else if (prev && prev.pos === 'ADJ' && !prev.stop && !isVagueAdjective(prev) && end - from < 4) from -= 1;
        else break;
      }
      const article = tokens[from - 1];
      const lead = article && ARTICLES.has(article.normal) ? `${article.normal} ` : article && POINTERS.has(article.normal) ? 'the ' : '';
      const body = joinTokens(tokens.slice(from, end));
      return { text: `${lead}${body}`, words: wordCount(body), complement: ofComplement(tokens, end) };
    }
  }
  return null;
}

/** "of a circle" after a noun phrase: "of", an article, up to two modifiers and a head noun that is not filler. */
function ofComplement(tokens: readonly Token[], at: number): { text: string; words: number; head: string } | null {
  if (tokens[at]?.normal !== 'of') return null;
  let k = at + 1;
  let article = '';
  const det = tokens[k];
  if (det && (ARTICLES.has(det.normal) || POINTERS.has(det.normal))) {
    article = ARTICLES.has(det.normal) ? `${det.normal} ` : /^(these|those|their|our|your|my|some|any)$/.test(det.normal) ? 'the ' : 'a ';
    k++;
  }
  const start = k;
  while (k < tokens.length && k - start < 3 && /^(ADJ|NOUN)$/.test(tokens[k]!.pos) && /^[a-z-]{2,}$/i.test(tokens[k]!.value) && !isVagueAdjective(tokens[k]!))
    k++;
  // The head is the last noun of the run, and the run ends there (not inside a longer phrase).
  while (k > start && tokens[k - 1]!.pos !== 'NOUN') k--;
  if (k === start) return null;
  const head = tokens[k - 1]!;
  if (head.stop || isFillerWord(head.value) || isFillerWord(head.lemma) || tokens[k]?.pos === 'NOUN') return null;
  const body = joinTokens(tokens.slice(start, k));
  return { text: `of ${article}${body}`, words: wordCount(body), head: head.lemma.toLowerCase() };
}

/** The fullest natural phrase around a term in a sentence, without what follows it: "the neuron's activation", "a linear transformation". */
export function phraseAround(term: Term, sentence: Sentence): string | null {
  return nounPhraseAround(term, sentence)?.text ?? null;
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

/** A heading drops "a"/"an" ("Linear transformations", not "A linear transformation"); one word keeps "the" ("The determinant"). */
export function asHeading(phrase: string): string {
  const bare = phrase.replace(/^(?:an?|the)\s+/i, '');
  const keepThe = /^the\s/i.test(phrase) && (!/\s/.test(bare) || / of |['’]s\b/.test(bare));
  return capitalise(bare.includes(' ') || !/^(?:an?|the)\s/i.test(phrase) ? (keepThe ? phrase : bare) : `the ${bare}`);
}

/**
 * A natural title of 2-8 words naming what the section is about: the noun
 * phrase around its leading term (with an "of" complement naming another of
 * its terms when the lecture says one: "The area of a circle"), else two of its
 * terms the lecture names together, else a term; never a list of words, never a clause.
 */
export function sectionTitle(analysis: Analysis, indexes: readonly number[], terms: readonly Term[], used: Set<string>): string {
  const accept = (title: string) => {
    const text = capitalise(title.split(/\s+/).slice(0, 8).join(' '));
    // "The matrix multiplication" repeats "Matrix multiplication".
    const key = text.toLowerCase().replace(/^the\s+/, '');
    if (used.has(key)) return null;
    used.add(key);
    return text;
  };
  const compounds = compoundCounts(analysis.sentences);
  const leading = terms.slice(0, 3);
  const sectionKeys = new Set(terms.slice(0, 8).flatMap((t) => t.key.split(' ')));
  // Every phrase of the leading terms, best first within each term; the first not used yet is the title.
  const candidates = leading.flatMap((term) => {
    // A complement counts only when it names another of the section's terms ("the area of a circle", not "the area of the thing").
    const phrases = indexes
      .map((i) => nounPhraseAround(term, analysis.sentences[i]!, compounds))
      .filter((p): p is Phrase => p !== null)
      .map((p) => {
        const c = p.complement;
        const naming = c !== null && sectionKeys.has(c.head) && !term.key.split(' ').includes(c.head) && p.words + c.words <= 5;
        return { text: naming ? withComplement(p) : p.text, words: p.words + (naming ? c.words : 0), naming };
      })
      .filter((p) => p.words >= 2);
    const said = new Map<string, number>();
    for (const p of phrases) said.set(p.text, (said.get(p.text) ?? 0) + 1);
    const score = (p: (typeof phrases)[number]) => (p.naming ? 4 : 0) + Math.min(said.get(p.text)!, 3) + (p.words <= 5 ? 1 : -2);
    return [...new Map(phrases.map((p) => [p.text, p])).values()].sort((a, b) => score(b) - score(a) || b.words - a.words || a.text.localeCompare(b.text));
  });
  for (const phrase of candidates) {
    const title = accept(asHeading(phrase.text));
    if (title) return title;
  }
  // Two terms said together, never the two halves of one compound ("training" and "data").
  const compound = (a: Term, b: Term) => (compounds.get(`${a.forms[0]} ${b.forms[0]}`) ?? 0) + (compounds.get(`${b.forms[0]} ${a.forms[0]}`) ?? 0) > 0;
  for (const [a, b] of leading.flatMap((x, i) => leading.slice(i + 1).map((y) => [x, y] as const))) {
    if (` ${a.key} `.includes(` ${b.key} `) || ` ${b.key} `.includes(` ${a.key} `)) continue;
    if (compound(a, b) || !indexes.some((i) => a.sentences.includes(i) && b.sentences.includes(i))) continue;
    const title = accept(`${a.forms[0]} and ${b.forms[0]}`);
    if (title) return title;
  }
  for (const term of terms) {
    const title = accept(asHeading(`the ${term.display}`));
    if (title) return title;
  }
  return accept(`part ${used.size + 1}`) ?? `Part ${used.size + 1}`;
}

/** Unpunctuated captions get a capital and a full stop, the rest is shown as said. */
export const asDisplayed = (s: Sentence) => (s.fromPauses ? `${capitalise(s.text)}.` : s.text);

/** The sentence that defines a term: "X is called a scalar", "we call that number the activation", "A vector is ...". */
export function definingSentence(term: Term, sentences: readonly Sentence[]): number | null {
  const t = termPattern(term).source;
  // The term closes a naming clause, or is the subject near the start of a defining one.
  const named = `(?:an?\\s+|the\\s+)?(?:[\\w-]+['’]s\\s+)?${t}(?=\\s*(?:[.,;:!)]|$)|\\s+(?:of|for|in)\\s)`;
  const notInPhrase = `(?<!\\b(?:of|in|for|to|with|on|by|from|at|into)\\s+(?:(?:an?|the)\\s+)?(?:(?!(?:an?|the)\\s)[\\w'’-]+\\s+){0,2})`;
  // Up to three words before the subject, none making it part of a phrase ("price elasticity of demand" does not define "demand").
  const subject = `^(?:(?!(?:of|in|for|to|with|on|by|from|at|into)\\s)[\\w'’-]+\\s+){0,3}?(?:(?:an?|the)\\s+)?${t}`;
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

/** A section found in the captions starts on the whole second its first cue is in, so its heading reads "0:11", not "0:11.980". */
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** Notes for an analysed transcript; with chapters, one section per chapter under its own title. */
export function buildNotes(analysis: Analysis, chapters: readonly VideoChapter[] = []): Notes {
  const { sentences } = analysis;
  const grouped =
    chapters.length > 0
      ? chapterSections(sentences, chapters).map((g) => ({ indexes: g.indexes, title: g.chapter.title, startMs: g.chapter.startMs }))
      : mergeThinSections(topicSections(sentences), analysis).map((indexes) => ({ indexes, title: '', startMs: wholeSecond(sentences[indexes[0]!]!.startMs) }));
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
