/**
 * The provider used when no API key is set: deterministic study notes and a
 * cloze quiz extracted from the transcript itself. No network, no model; the
 * site labels the result as auto-extracted.
 */
import { createHash } from 'node:crypto';
import type { Notes, Segment, VideoQuiz } from '../../src/lib/schema.ts';
import { OFFLINE_MODEL } from './config.ts';
import { PipelineError, type GenerationInput, type NotesAndQuizGenerator } from './adapters.ts';

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further get gets got gonna had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just kind know let's like lot me more most mustn't my myself no nor not now of off ok okay on once one only or other ought our ours ourselves out over own really right same say says see shan't she she'd she'll she's should shouldn't so some something such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've thing things think this those through to too two under until up us very want was wasn't way we we'd we'll we're we've well were weren't what what's when when's where where's which while who who's whom why why's will with won't would wouldn't yeah you you'd you'll you're you've your yours yourself yourselves going actually basically maybe much many even still back make makes made take use used using go goes went come look looks first next new also little bit sort pretty kinda wanna uh um`.split(
    /\s+/,
  ),
);

interface Sentence {
  text: string;
  startMs: number;
  words: string[];
}

const wordsOf = (text: string) =>
  (text.toLowerCase().match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? []).filter((w) => w.length >= 3 && !STOPWORDS.has(w));

/** Sentences with the start time of the segment they begin in; unpunctuated auto-captions are cut every ~25 words. */
export function splitSentences(segments: readonly Segment[]): Sentence[] {
  const sentences: Sentence[] = [];
  let buffer: string[] = [];
  let startMs = 0;
  const flush = () => {
    const text = buffer.join(' ').replace(/\s+/g, ' ').trim();
    if (text) sentences.push({ text, startMs, words: wordsOf(text) });
    buffer = [];
  };
  for (const segment of segments) {
    const pieces = segment.text.split(/(?<=[.!?])\s+/);
    for (const piece of pieces) {
      if (buffer.length === 0) startMs = segment.startMs;
      buffer.push(piece);
      const count = buffer.join(' ').split(/\s+/).length;
      if (/[.!?]["')\]]?$/.test(piece) || count >= 25) flush();
    }
  }
  flush();
  return sentences;
}

interface Block {
  sentences: Sentence[];
  startMs: number;
  terms: Map<string, number>;
}

function countTerms(sentences: readonly Sentence[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s.words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const key of a.keys()) if (b.has(key)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Sections at the points where vocabulary shifts most between adjacent windows of the transcript. */
function splitSections(sentences: readonly Sentence[]): Sentence[][] {
  const windowSize = 4;
  const windows: Sentence[][] = [];
  for (let i = 0; i < sentences.length; i += windowSize) windows.push(sentences.slice(i, i + windowSize));
  const totalWords = sentences.reduce((n, s) => n + s.text.split(' ').length, 0);
  const sectionCount = Math.max(1, Math.min(12, windows.length, Math.round(totalWords / 200)));
  if (sectionCount === 1) return [sentences.slice()];
  const counts = windows.map(countTerms);
  const gaps = counts.slice(1).map((c, i) => ({ at: i + 1, similarity: overlap(counts[i]!, c) }));
  const minSpacing = Math.max(1, Math.floor(windows.length / (sectionCount * 2)));
  const cuts: number[] = [];
  for (const gap of [...gaps].sort((a, b) => a.similarity - b.similarity || a.at - b.at)) {
    if (cuts.length >= sectionCount - 1) break;
    if (gap.at < minSpacing || windows.length - gap.at < minSpacing) continue;
    if (cuts.some((c) => Math.abs(c - gap.at) < minSpacing)) continue;
    cuts.push(gap.at);
  }
  cuts.sort((a, b) => a - b);
  const sections: Sentence[][] = [];
  let from = 0;
  for (const cut of [...cuts, windows.length]) {
    sections.push(windows.slice(from, cut).flat());
    from = cut;
  }
  return sections.filter((s) => s.length > 0);
}

/** Term weights per block: frequency in the block times rarity across blocks (TF-IDF). */
function tfidf(blocks: readonly Block[]): Map<string, number>[] {
  const df = new Map<string, number>();
  for (const b of blocks) for (const term of b.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  return blocks.map((b) => {
    const weights = new Map<string, number>();
    for (const [term, tf] of b.terms) {
      const idf = Math.log(1 + blocks.length / df.get(term)!);
      weights.set(term, (1 + Math.log(tf)) * idf * Math.min(1.5, 0.6 + term.length / 10));
    }
    return weights;
  });
}

const topTerms = (weights: Map<string, number>, n: number, minCount = 1, counts?: Map<string, number>) =>
  [...weights.entries()]
    .filter(([term]) => (counts?.get(term) ?? minCount) >= minCount)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([term]) => term);

const titleCase = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function scoreSentence(s: Sentence, weights: Map<string, number>): number {
  if (s.words.length === 0) return 0;
  const sum = s.words.reduce((acc, w) => acc + (weights.get(w) ?? 0), 0);
  return sum / Math.sqrt(s.words.length + 2);
}

function keySentences(sentences: readonly Sentence[], weights: Map<string, number>, n: number): Sentence[] {
  return [...sentences]
    .map((s, i) => ({ s, i, score: scoreSentence(s, weights) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const asSentence = (text: string) => capitalise(/[.!?]$/.test(text) ? text : `${text}.`);

/** Extractive notes: sections by topic shift, key sentences as the body, key terms by TF-IDF. */
export function extractNotes(segments: readonly Segment[]): Notes {
  const sentences = splitSentences(segments);
  if (sentences.length === 0) throw new PipelineError('the transcript is empty: nothing to take notes from');
  const sectionSentences = splitSections(sentences);
  const blocks: Block[] = sectionSentences.map((s) => ({ sentences: s, startMs: s[0]!.startMs, terms: countTerms(s) }));
  const weights = tfidf(blocks);
  const allWeights = tfidf([{ sentences, startMs: 0, terms: countTerms(sentences) }, ...blocks])[0]!;
  const sections = blocks.map((block, i) => {
    const keyTerms = topTerms(weights[i]!, 5);
    const title = keyTerms.length > 0 ? keyTerms.slice(0, 3).map(titleCase).join(', ') : `Part ${i + 1}`;
    const body = keySentences(block.sentences, weights[i]!, 3).map((s) => `- ${asSentence(s.text)}`).join('\n');
    return { title, body: body || `- ${asSentence(block.sentences[0]!.text)}`, startMs: block.startMs, keyTerms };
  });
  const summary = keySentences(sentences, allWeights, 3).map((s) => asSentence(s.text)).join(' ');
  return { summary: summary || asSentence(sentences[0]!.text), sections, glossary: [] };
}

/** Inflections of the answer (activation / activations) would be right answers too, so they are not distractors. */
const sameStem = (a: string, b: string) => a.slice(0, 5) === b.slice(0, 5);

const stableOrder = (seed: string) => createHash('sha256').update(seed).digest().readUInt32BE(0);

/** Cloze questions built from key terms, other key terms as distractors, each pointing at where it is taught. */
export function extractQuiz(segments: readonly Segment[], notes: Notes): VideoQuiz {
  const sentences = splitSentences(segments);
  const counts = countTerms(sentences);
  const weights = tfidf([{ sentences, startMs: 0, terms: counts }, ...notes.sections.map((s) => ({ sentences: [], startMs: s.startMs, terms: new Map(s.keyTerms.map((t) => [t, 1])) }))])[0]!;
  const ranked = [...new Set([...notes.sections.flatMap((s) => s.keyTerms), ...topTerms(weights, 40, 1, counts)])].filter((t) => t.length >= 4);
  const questions: VideoQuiz['questions'] = [];
  const usedSentences = new Set<Sentence>();
  for (const term of ranked) {
    if (questions.length >= 10) break;
    const pattern = new RegExp(`\\b${term.replace(/[-']/g, '\\$&')}\\b`, 'i');
    const sentence = sentences.find((s) => !usedSentences.has(s) && s.words.length >= 4 && s.text.split(' ').length <= 45 && pattern.test(s.text));
    if (!sentence) continue;
    const distractors = ranked
      .filter((t) => t !== term && !pattern.test(t) && sameStem(t, term) === false && !new RegExp(`\\b${t.replace(/[-']/g, '\\$&')}\\b`, 'i').test(sentence.text))
      .sort((a, b) => Math.abs(a.length - term.length) - Math.abs(b.length - term.length) || a.localeCompare(b))
      .slice(0, 3);
    if (distractors.length === 0) continue;
    usedSentences.add(sentence);
    const choices = [term, ...distractors].sort((a, b) => stableOrder(term + a) - stableOrder(term + b));
    const cloze = sentence.text.replace(pattern, '____');
    questions.push({
      prompt: `Which term completes this line from the video: "${capitalise(cloze)}"`,
      choices,
      answer: choices.indexOf(term),
      explanation: `The video says: "${asSentence(sentence.text)}"`,
      startMs: sentence.startMs,
    });
  }
  if (questions.length < 5) {
    throw new PipelineError(
      `the transcript is too short for the offline quiz: found ${questions.length} usable key terms, need 5 (add a longer caption file or set OPENAI_API_KEY)`,
    );
  }
  questions.sort((a, b) => a.startMs - b.startMs);
  return { questions };
}

/** The offline generator: same interface as the OpenAI one, pure and synchronous underneath. */
export function createOfflineGenerator(): NotesAndQuizGenerator {
  return {
    provider: 'offline',
    model: OFFLINE_MODEL,
    generateNotes: async (input: GenerationInput) => extractNotes(input.segments),
    generateQuiz: async (input) => extractQuiz(input.segments, input.notes),
  };
}
