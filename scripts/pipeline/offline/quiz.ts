/**
 * A concept quiz from an analysed transcript: which term a definition names,
 * what a term means, which statement matches the lecture (the others swap in
 * another key term), and at most a third cloze lines. Distractors are other key
 * terms of the same number and a similar length; every answer is a key concept.
 */
import { sha256 } from '../../../src/lib/hash.ts';
import type { GlossaryEntry, VideoQuiz } from '../../../src/lib/schema.ts';
import { PipelineError } from '../adapters.ts';
import { asDisplayed, glossaryOf, standsAlone, type Analysis } from './notes.ts';
import type { Sentence } from './language.ts';
import { termPattern, type Term } from './terms.ts';

type Question = VideoQuiz['questions'][number];

const stableOrder = (seed: string) => Number.parseInt(sha256(seed).slice(0, 8), 16);
const shuffle = (items: readonly string[], seed: string) => [...items].sort((a, b) => stableOrder(seed + a) - stableOrder(seed + b));

/** The form of a term as it stands in a text ("vectors" in a sentence about vectors). */
function formIn(term: Term, text: string): string | null {
  return termPattern(term).exec(text)?.[0] ?? null;
}

/**
 * True when the term stands once in the sentence as a whole phrase of its own:
 * not part of a longer one ("neural network" for "network"), so swapping or
 * blanking it keeps the sentence grammatical.
 */
export function standsAsPhrase(term: Term, sentence: Sentence): boolean {
  const tokens = sentence.tokens;
  let found = 0;
  let whole = true;
  for (const form of new Set(term.forms)) {
    const words = form.split(/\s+/).flatMap((w) => (w.includes('-') ? w.split(/(-)/) : [w]));
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (!words.every((w, k) => tokens[i + k]!.normal === w)) continue;
      found++;
      const prev = tokens[i - 1];
      const next = tokens[i + words.length];
      if ((prev && /^(ADJ|NOUN|PROPN|NUM)$/.test(prev.pos)) || prev?.value === '-' || (next && (/^(NOUN|PROPN|PART)$/.test(next.pos) || next.value === '-')))
        whole = false;
    }
  }
  return found === 1 && whole;
}

const isPlural = (term: Term, form: string) => form.toLowerCase() !== term.key && /s$/i.test(form);

/** The form of a term with the given number, if the lecture uses one. */
function formWithNumber(term: Term, plural: boolean): string | null {
  const forms = [term.display, ...term.forms];
  return forms.find((f) => isPlural(term, f) === plural && !/\s-|-\s/.test(f)) ?? null;
}

/**
 * Three other key terms for a term used as `form`: the same number (plural or
 * not), closest in word count and length, not mentioned in `context`, not the same word.
 */
export function distractorsFor(term: Term, form: string, pool: readonly Term[], context: string): string[] {
  const plural = isPlural(term, form);
  const words = form.split(' ').length;
  const lowerContext = context.toLowerCase();
  return pool
    .filter((t) => t !== term && !t.key.split(' ').some((w) => term.key.split(' ').includes(w)) && !termPattern(t).test(lowerContext))
    .map((t) => ({ t, f: formWithNumber(t, plural) }))
    .filter((x): x is { t: Term; f: string } => x.f !== null)
    .sort(
      (a, b) =>
        Math.abs(a.f.split(' ').length - words) * 10 +
          Math.abs(a.f.length - form.length) -
          (Math.abs(b.f.split(' ').length - words) * 10 + Math.abs(b.f.length - form.length)) || a.f.localeCompare(b.f),
    )
    .slice(0, 3)
    .map((x) => x.f);
}

/** Replaces a term in a sentence by a blank; "a ____" / "an ____" become "a(n) ____" so the article gives nothing away. */
export function blankOut(text: string, term: Term): string {
  const pattern = new RegExp(termPattern(term).source, 'gi');
  return text.replace(pattern, '____').replace(/\b(a|an) ____/gi, (m) => `${m[0] === 'A' ? 'A' : 'a'}(n) ____`);
}

const NAMING = /\b(?:call|called|known as|named)\b/i;
const quote = (text: string) => `“${text}”`;

function choiceQuestion(kind: Question['kind'], prompt: string, answer: string, distractors: string[], explanation: string, startMs: number): Question {
  const choices = shuffle([answer, ...distractors], prompt);
  return { kind, prompt, choices, answer: choices.indexOf(answer), explanation, startMs };
}

/**
 * "What does the lecture call …?" when the definition names something ("we call
 * that number the activation"), with the sentence before as context when the
 * thing is only pointed at ("that number"); else the definition with a blank.
 */
function definitionQuestion(entry: GlossaryEntry, term: Term, pool: readonly Term[], analysis: Analysis): Question | null {
  const form = formIn(term, entry.definition);
  if (!form) return null;
  const before = entry.definition.slice(0, entry.definition.toLowerCase().indexOf(form.toLowerCase()));
  const called =
    /\b(?:we|people|mathematicians|you|i)\s+(?:will\s+|often\s+|usually\s+)?call\s+((?:the|this|that|these|those|a|an)\s+[^,;.]{3,50}?)\s+(?:an?\s+|the\s+|its\s+|their\s+|our\s+|your\s+|his\s+|her\s+)?(?:[\w-]+['’]s\s+)?$/i.exec(
      before,
    );
  const at = analysis.sentences.findIndex((s) => asDisplayed(s) === entry.definition);
  const previous: Sentence | undefined = analysis.sentences[at - 1];
  const context = called && /^(this|that|these|those)\b/i.test(called[1]!) ? previous : undefined;
  const usable = !context || (context.punctuated && context.text.split(' ').length <= 35 && !termPattern(term).test(context.text));
  const distractors = distractorsFor(term, form, pool, `${context?.text ?? ''} ${entry.definition}`);
  if (distractors.length < 3) return null;
  const prompt =
    called && usable
      ? `${context ? `${context.text} ` : ''}What does the lecture call ${context ? called[1]! : called[1]!.replace(/^(this|that)\b/i, 'the')}?`
      : `Which term does the lecture define here: ${quote(blankOut(entry.definition, term))}`;
  return choiceQuestion('definition', prompt, form, distractors, `The lecture says: ${quote(entry.definition)}`, entry.startMs);
}

function termQuestion(entry: GlossaryEntry, term: Term, glossary: readonly { entry: GlossaryEntry; term: Term }[]): Question | null {
  const others = glossary.filter((g) => g.term !== term).slice(0, 3);
  if (others.length < 3) return null;
  const describe = (g: { entry: GlossaryEntry; term: Term }) => blankOut(g.entry.definition, g.term).replace(/____/g, '…');
  const answer = describe({ entry, term });
  const distractors = others.map(describe).filter((d) => d !== answer);
  if (distractors.length < 3) return null;
  return choiceQuestion(
    'term',
    `Which line of the lecture is about ${quote(term.display)}? (Each line has its own term left out as “…”.)`,
    answer,
    distractors,
    `The lecture says: ${quote(entry.definition)}`,
    entry.startMs,
  );
}

function statementQuestion(index: number, term: Term, analysis: Analysis, pool: readonly Term[]): Question | null {
  const sentence = analysis.sentences[index]!;
  const text = asDisplayed(sentence);
  const form = formIn(term, text);
  if (!form || !standsAsPhrase(term, sentence)) return null;
  const swaps = distractorsFor(term, form, pool, text);
  if (swaps.length < 3) return null;
  // The term with the article before it, if any: a swapped-in term gets the article it needs ("an index", not "a index").
  const pattern = new RegExp(`(?:\\b(a|an)(\\s+))?(?:${termPattern(term).source})`, 'gi');
  const keepCase = (swap: string, original: string) => (/^[A-Z]/.test(original) ? swap.charAt(0).toUpperCase() + swap.slice(1) : swap);
  const variants = swaps.map((swap) =>
    text.replace(pattern, (m: string, article: string | undefined, space: string | undefined) => {
      if (!article) return keepCase(swap, m);
      const needed = /^[aeiou]/i.test(swap) ? 'an' : 'a';
      return `${keepCase(needed, article)}${space}${keepCase(swap, m.slice(article.length + (space ?? '').length))}`;
    }),
  );
  return choiceQuestion('statement', 'Which statement matches what the lecture says?', text, variants, `The lecture says: ${quote(text)}`, sentence.startMs);
}

function clozeQuestion(index: number, term: Term, analysis: Analysis, pool: readonly Term[]): Question | null {
  const sentence = analysis.sentences[index]!;
  const text = asDisplayed(sentence);
  const form = formIn(term, text);
  if (!form || !standsAsPhrase(term, sentence)) return null;
  const distractors = distractorsFor(term, form, pool, text);
  if (distractors.length < 3) return null;
  return choiceQuestion(
    'cloze',
    `Which term completes this line of the lecture: ${quote(blankOut(text, term))}`,
    form.toLowerCase(),
    distractors,
    `The lecture says: ${quote(text)}`,
    sentence.startMs,
  );
}

/** 5-10 questions, mostly concept questions, cloze at most a third, in lecture order. */
export function buildQuiz(analysis: Analysis): VideoQuiz {
  const pool = analysis.terms.slice(0, 16);
  const glossary = glossaryOf(analysis, 10)
    .map((entry) => ({ entry, term: pool.find((t) => t.display === entry.term) }))
    .filter((g): g is { entry: GlossaryEntry; term: Term } => g.term !== undefined)
    // Definitions that name the thing ("is called", "we call") make the best questions: first.
    .sort((a, b) => Number(NAMING.test(b.entry.definition)) - Number(NAMING.test(a.entry.definition)));
  const used = new Set<string>();
  const questions: Question[] = [];
  const add = (q: Question | null, source: string) => {
    if (!q || used.has(source) || questions.length >= 10) return false;
    used.add(source);
    questions.push(q);
    return true;
  };
  const counts = { definition: 0, term: 0, statement: 0, cloze: 0 };
  for (const g of glossary) if (counts.definition < 3 && add(definitionQuestion(g.entry, g.term, pool, analysis), g.entry.definition)) counts.definition++;
  for (const g of [...glossary].reverse()) if (counts.term < 2 && add(termQuestion(g.entry, g.term, glossary), `term:${g.term.key}`)) counts.term++;
  // Statements and clozes come from central sentences, each about a term not yet asked about first.
  const asked = new Set(glossary.slice(0, counts.definition).map((g) => g.term.key));
  const candidates = pool.flatMap((term) =>
    term.sentences
      .filter((i) => standsAlone(analysis.sentences[i]!))
      .slice(0, 2)
      .map((i) => ({ term, i })),
  );
  const statements = (limit: number) => {
    for (const { term, i } of candidates) {
      if (counts.statement >= limit || questions.length >= 8 || asked.has(`s:${term.key}`)) continue;
      if (add(statementQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) {
        counts.statement++;
        asked.add(`s:${term.key}`);
      }
    }
  };
  const clozes = () => {
    for (const { term, i } of candidates) {
      if (questions.length >= 8 || (counts.cloze + 1) * 3 > questions.length + 1) continue;
      if (asked.has(`c:${term.key}`) || asked.has(term.key)) continue;
      if (add(clozeQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) {
        counts.cloze++;
        asked.add(`c:${term.key}`);
      }
    }
  };
  statements(3);
  clozes();
  // Short of eight: more statements (a term may come back in another sentence), then clozes again within their third.
  statements(6);
  for (const { term, i } of candidates) {
    if (questions.length >= 6) break;
    if (add(statementQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) counts.statement++;
  }
  clozes();
  // A short or unpunctuated lecture: clozes beyond their third (any sentence using a key term) rather than no quiz at all.
  const anySentence = pool.flatMap((term) => term.sentences.map((i) => ({ term, i })));
  for (const { term, i } of [...candidates, ...anySentence]) {
    if (questions.length >= 5) break;
    if (add(clozeQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) counts.cloze++;
  }
  if (questions.length < 5) {
    throw new PipelineError(
      `the transcript is too short for the offline quiz: found ${questions.length} usable questions about its key terms, need 5 (add a longer caption file or set OPENAI_API_KEY)`,
    );
  }
  return { questions: questions.sort((a, b) => a.startMs - b.startMs) };
}
