/**
 * The transcript as language: sentences (from punctuation, across caption cue
 * boundaries) with their start time and their tokens' part of speech and lemma,
 * all from wink-nlp's English model. Unpunctuated auto-captions fall back to
 * pauses and length, cut only where a clause ends.
 */
import winkNLP, { type ItemSentence, type ItsFunction, type Tokens } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Segment } from '../../../src/lib/schema.ts';

export interface Token {
  /** As written. */
  value: string;
  /** Lower case. */
  normal: string;
  lemma: string;
  pos: string;
  stop: boolean;
}

export interface Sentence {
  text: string;
  startMs: number;
  tokens: Token[];
  /** True when the sentence ends with its own punctuation in the transcript. */
  punctuated: boolean;
  /** True when cut at pauses and length, because the captions have no punctuation. */
  fromPauses: boolean;
}

const nlp = winkNLP(model);
const its = nlp.its;

type SpacedToken = Token & { spaces: string };

// The lemma helper's declared signature does not fit `out`'s parameter type, though it works there.
const lemmaOf = its.lemma as unknown as ItsFunction<string>;

function tokensOf(span: { tokens(): Tokens }): SpacedToken[] {
  const t = span.tokens();
  const value = t.out(its.value) as string[];
  const normal = t.out(its.normal) as string[];
  const lemma = t.out(lemmaOf) as string[];
  const pos = t.out(its.pos) as string[];
  const stop = t.out(its.stopWordFlag) as unknown as boolean[];
  const spaces = t.out(its.precedingSpaces) as string[];
  return value.map((v, i) => ({ value: v, normal: normal[i]!, lemma: lemma[i]!, pos: pos[i]!, stop: stop[i]!, spaces: spaces[i]! }));
}

/** Tokens of a short text (a title, a term). */
export function tokenize(text: string): Token[] {
  return tokensOf(nlp.readDoc(text)).map(({ value, normal, lemma, pos, stop }) => ({ value, normal, lemma, pos, stop }));
}

const WORDS = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A transcript counts as punctuated when it has sentence ends at least every 40 words. */
export function isPunctuated(text: string): boolean {
  const ends = text.match(/[.!?](?=["')\]]?(\s|$))/g)?.length ?? 0;
  return ends > 0 && WORDS(text) / ends <= 40;
}

// Stryker disable next-line StringLiteral,ArrayDeclaration: a word list is data; tests check its effect with sample words
const CLAUSE_OPENERS = new Set([
  'but',
  'so',
  'because',
  'which',
  'then',
  'when',
  'where',
  'if',
  'while',
  'now',
  'okay',
  'since',
  'although',
  'whereas',
  'remember',
  'imagine',
  'notice',
  'let',
  "let's",
]);
/** Words a clause cannot end on: a cut after one would leave it hanging. */
// Stryker disable next-line StringLiteral,ArrayDeclaration: as above
const HANGING = new Set([
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'into',
  'and',
  'or',
  'but',
  'so',
  'that',
  'which',
  'is',
  'are',
  'was',
  'be',
  'this',
  'these',
  'its',
  'their',
  'our',
  'your',
  'my',
  'as',
  'than',
  'if',
  'when',
  'because',
  'very',
  'more',
  'most',
  'not',
]);

/**
 * Pseudo-sentences for unpunctuated captions: a pause of 0.7 s or more ends
 * one; past 25 words one ends before a clause opener ("so", "because"), past
 * 30 before "and", past 40 at a cue boundary; never after a word that leaves
 * the clause hanging.
 */
function chunkUnpunctuated(segments: readonly Segment[]): { text: string; startMs: number }[] {
  const chunks: { text: string; startMs: number }[] = [];
  let words: string[] = [];
  let startMs = 0;
  let previousEnd = -Infinity;
  const flush = () => {
    if (words.length) chunks.push({ text: words.join(' '), startMs });
    words = [];
  };
  const canEnd = () => !HANGING.has(words.at(-1)?.toLowerCase() ?? 'the');
  for (const segment of segments) {
    if (words.length >= 8 && canEnd() && (segment.startMs - previousEnd >= 700 || words.length >= 40)) flush();
    for (const word of segment.text.split(/\s+/).filter(Boolean)) {
      const lower = word.toLowerCase();
      if (canEnd() && ((words.length >= 25 && CLAUSE_OPENERS.has(lower)) || (words.length >= 30 && lower === 'and'))) flush();
      if (words.length === 0) startMs = segment.startMs;
      words.push(word);
    }
    previousEnd = segment.endMs;
  }
  flush();
  return chunks;
}

/** Sentences of a transcript with the start time of the cue each begins in. */
export function splitSentences(segments: readonly Segment[]): Sentence[] {
  const starts: number[] = [];
  let text = '';
  for (const segment of segments) {
    const piece = segment.text.replace(/\s+/g, ' ').trim();
    if (!piece) continue;
    if (text) text += ' ';
    starts.push(text.length);
    text += piece;
  }
  const kept = segments.filter((s) => s.text.trim());
  if (!text) return [];
  if (!isPunctuated(text)) {
    return chunkUnpunctuated(kept).map((c) => ({ text: c.text, startMs: c.startMs, tokens: tokenize(c.text), punctuated: false, fromPauses: true }));
  }
  const doc = nlp.readDoc(text);
  const sentences: Sentence[] = [];
  let offset = 0;
  doc.sentences().each((sentence: ItemSentence) => {
    const raw = tokensOf(sentence);
    let begin = -1;
    for (const token of raw) {
      offset += token.spaces.length;
      if (begin < 0) begin = offset;
      offset += token.value.length;
    }
    const at = text.indexOf(raw[0]!.value, Math.max(0, begin - 2));
    const from = at >= 0 && at - begin < 4 ? at : begin;
    const sentenceText = text.slice(from, offset).trim();
    let cue = 0;
    while (cue + 1 < starts.length && starts[cue + 1]! <= from) cue++;
    sentences.push({
      text: sentenceText,
      startMs: kept[cue]!.startMs,
      tokens: raw.map(({ value, normal, lemma, pos, stop }) => ({ value, normal, lemma, pos, stop })),
      punctuated: /[.!?]["')\]]?$/.test(sentenceText),
      fromPauses: false,
    });
  });
  return sentences.filter((s) => s.tokens.some((t) => t.pos !== 'PUNCT'));
}

/** Share of a text's words that are English stop words: English prose sits around 0.4, other languages far below. */
export function englishStopWordShare(text: string): number {
  const tokens = tokensOf(nlp.readDoc(text.slice(0, 4000))).filter((t) => /\p{L}/u.test(t.value));
  if (tokens.length === 0) return 0;
  return tokens.filter((t) => t.stop).length / tokens.length;
}

const lowerWords = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? [];

/**
 * True when two choices are variants of one text: they share a word and one
 * becomes the other by changing, adding or dropping at most `max` words
 * ("the darker beetles survive" / "the lighter beetles survive").
 */
export function differsByFewWords(a: string, b: string, max = 2): boolean {
  const x = lowerWords(a);
  const y = lowerWords(b);
  if (!x.some((w) => y.includes(w))) return false;
  if (Math.abs(x.length - y.length) > max) return false;
  let row = y.map((_, j) => j + 1);
  for (let i = 0; i < x.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < y.length; j++) next.push(Math.min(row[j]! + 1, next[j]! + 1, (j === 0 ? i : row[j - 1]!) + (x[i] === y[j] ? 0 : 1)));
    row = next.slice(1);
  }
  return (row.at(-1) ?? x.length) <= max;
}
