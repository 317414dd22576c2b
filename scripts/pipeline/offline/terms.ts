/**
 * Key terms: noun phrases ranked by how specific they are to this lecture
 * against the whole library (TF-IDF over the library's transcripts), singular
 * and plural merged, never a stop word or conversational filler.
 */
import type { Sentence, Token } from './language.ts';

export interface Term {
  /** Lemmatised phrase: the identity that merges "vector" and "vectors". */
  key: string;
  /** How it is shown: the singular form when the lecture uses it. */
  display: string;
  /** Every form the lecture uses, most frequent first. */
  forms: string[];
  /** Indexes of the sentences that mention it. */
  sentences: number[];
  score: number;
  words: number;
}

/** Nouns of the talk around the lesson (greetings, the video itself, its examples' people) rather than of its subject. */
const FILLER_NOUNS = new Set(
  `thing things stuff way lot lots bit kind sort time times moment part parts end start beginning question questions example examples case cases fact idea ideas sense reason place world life day days year years video videos series channel episode lesson lecture chapter today tomorrow student students house houses person people everyone anyone someone something nothing everything anything guy guys friend friends hello hi bye thanks sir reader viewer viewers audience patreon sponsor supporter supporters screen animation animations picture pictures number numbers step steps term terms word words name names word phrase line lines point points side sides top bottom left right version level levels hand hands eye eyes head mind brain sorts kinds ones one two three four five six seven eight nine ten hundred thousand million couple pair group answer answers problem problems detail details note notes piece pieces whole rest job work use uses matter look view views respect choice approach move moves land lands`.split(
    /\s+/,
  ),
);

/** Adjectives that say nothing about the concept, so they never start a key phrase. */
const VAGUE_ADJECTIVES = new Set(
  `other same different new whole first last next certain little big small large simple good bad great particular specific many much few several real actual nice important entire various given single previous following final main own sure able clear easy hard true general common usual typical quick whole high low long short huge tiny best better worse worst right wrong open corresponding possible dimensional desired overall technical left second third proper tiny`.split(
    /\s+/,
  ),
);

const isWord = (t: Token) => /^[a-z][a-z-]*[a-z]$/i.test(t.value) && t.value.length >= 3;
// Proper nouns count only as acronyms (ReLU, MNIST): names are speakers and people, not concepts.
const isNoun = (t: Token) =>
  (t.pos === 'NOUN' || (t.pos === 'PROPN' && /[A-Z].*[A-Z]/.test(t.value))) &&
  isWord(t) &&
  !t.stop &&
  !FILLER_NOUNS.has(t.normal) &&
  !FILLER_NOUNS.has(t.lemma);
export const isVagueAdjective = (t: Token) => VAGUE_ADJECTIVES.has(t.normal);
const isModifier = (t: Token) => (t.pos === 'ADJ' && isWord(t) && !t.stop && !VAGUE_ADJECTIVES.has(t.normal)) || isNoun(t);

/** Whether a word is filler: for callers outside this module (the eval, titles). */
export const isFillerWord = (word: string) => FILLER_NOUNS.has(word.toLowerCase());

interface Candidate {
  key: string;
  surface: string;
  words: number;
}

/** Noun phrases of one sentence: each noun alone and each run of up to 3 modifiers ending in that noun. */
export function candidatesOf(tokens: readonly Token[]): Candidate[] {
  const found: Candidate[] = [];
  for (let head = 0; head < tokens.length; head++) {
    const headToken = tokens[head]!;
    if (!isNoun(headToken)) continue;
    // Letter-hyphen names ("i-hat", "j-hat") are one term, not "hat".
    if (tokens[head - 1]?.value === '-' && /^[a-z]$/i.test(tokens[head - 2]?.value ?? '')) {
      const key = `${tokens[head - 2]!.normal}-${headToken.lemma.toLowerCase()}`;
      found.push({ key, surface: `${tokens[head - 2]!.normal}-${headToken.normal}`, words: 1 });
      continue;
    }
    // A noun followed by another noun is a modifier there ("pixel value"), still a term on its own.
    for (let from = head; from >= Math.max(0, head - 2); from--) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the head is a noun, so it is a modifier; `from < head` only skips the call.
      if (from < head && !isModifier(tokens[from]!)) break;
      const span = tokens.slice(from, head + 1);
      const key = [...span.slice(0, -1).map((t) => t.normal), headToken.lemma.toLowerCase()].join(' ');
      found.push({ key, surface: span.map((t) => t.normal).join(' '), words: span.length });
    }
  }
  return found;
}

/** Lemmatised phrase keys of a whole transcript: one library document for document frequencies. */
export function documentTerms(sentences: readonly Sentence[]): Set<string> {
  const keys = new Set<string>();
  for (const s of sentences) for (const c of candidatesOf(s.tokens)) keys.add(c.key);
  return keys;
}

export interface LibraryStats {
  /** Number of transcripts in the library. */
  documents: number;
  /** In how many library transcripts each term key occurs. */
  frequency: ReadonlyMap<string, number>;
}

export function libraryStats(documents: readonly Set<string>[]): LibraryStats {
  const frequency = new Map<string, number>();
  for (const doc of documents) for (const key of doc) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  return { documents: documents.length, frequency };
}

// Mentions count sublinearly, so one common word does not crowd out the lecture's own vocabulary.
const TF_POWER = 0.7;

export const EMPTY_LIBRARY: LibraryStats = { documents: 0, frequency: new Map() };

/**
 * The lecture's terms, best first. A term must be mentioned in two sentences;
 * a longer phrase must recur on its own to replace the single word it contains.
 */
export function rankTerms(sentences: readonly Sentence[], library: LibraryStats, title = ''): Term[] {
  const byKey = new Map<string, { forms: Map<string, number>; sentences: Set<number>; words: number }>();
  sentences.forEach((s, index) => {
    for (const c of candidatesOf(s.tokens)) {
      const entry = byKey.get(c.key) ?? { forms: new Map(), sentences: new Set(), words: c.words };
      entry.forms.set(c.surface, (entry.forms.get(c.surface) ?? 0) + 1);
      entry.sentences.add(index);
      byKey.set(c.key, entry);
    }
  });
  const ownTerms = new Set(byKey.keys());
  const inLibrary = (key: string) => library.frequency.get(key) ?? 0;
  // The lecture itself counts as a document, whether or not the library holds it already.
  const documents = Math.max(library.documents, 1) + 1;
  const titleText = ` ${title.toLowerCase()} `;
  const allText = ` ${sentences.map((s) => s.tokens.map((t) => t.normal).join(' ')).join(' ')} `;
  const terms: Term[] = [];
  for (const [key, entry] of byKey) {
    const mentions = entry.sentences.size;
    if (mentions < 2) continue;
    const df = Math.min(documents, inLibrary(key) + (ownTerms.has(key) ? 1 : 0));
    const idf = Math.log((documents + 1) / (df + 0.5));
    const forms = [...entry.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f);
    const inTitle = forms.some((f) => titleText.includes(` ${f} `)) || titleText.includes(` ${key} `);
    const score = Math.pow(mentions, TF_POWER) * idf * (entry.words > 1 ? 1.2 : 1) * (inTitle ? 1.6 : 1);
    const display = allText.includes(` ${key} `) ? key : forms[0]!;
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: sentences are added in order already; the sort keeps that promise explicit.
    terms.push({ key, display, forms, sentences: [...entry.sentences].sort((a, b) => a - b), score, words: entry.words });
  }
  terms.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  // A phrase that is nearly always how a word is used replaces the word; a rare phrase gives way to it.
  const kept: Term[] = [];
  for (const term of terms) {
    const covering = terms.find(
      (t) => t !== term && t.words > term.words && ` ${t.key} `.includes(` ${term.key} `) && t.sentences.length >= 0.6 * term.sentences.length,
    );
    if (covering) continue;
    kept.push(term);
  }
  return kept;
}

/** Whole-word pattern for any form of a term ("vector", "vectors"). */
export function termPattern(term: Term): RegExp {
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: forms of one term have the same words, so none is a whole-word prefix of another and the order never changes a match.
  const forms = [...new Set([term.display, term.key, ...term.forms])].sort((a, b) => b.length - a.length);
  const escaped = forms.map((f) => f.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(`\\b(?:${escaped.join('|')})\\b`, 'i');
}
