/**
 * A concept quiz from an analysed transcript: which term a definition names,
 * what a term means (the other choices are other terms' definitions), which
 * concept a described property or effect belongs to, what the lecture says
 * follows from a cause ("because", "so", "leads to"), and at most a third cloze
 * lines. Distractors come from the same lecture: other key terms of the same
 * number and a similar length, other definitions, other stated effects; never
 * a variant of the answer a word or two apart.
 */
import { sha256 } from '../../../src/lib/hash.ts';
import type { GlossaryEntry, VideoQuiz } from '../../../src/lib/schema.ts';
import { PipelineError } from '../adapters.ts';
import { asDisplayed, glossaryOf, standsAlone, type Analysis } from './notes.ts';
import { differsByFewWords, type Sentence } from './language.ts';
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

/** What a definition says with its term left out ("… is the number of offspring …"), as a choice. */
const described = (definition: string, term: Term) => blankOut(definition, term).replace(/____/g, '…');

/** Choices that are not variants of the answer or of each other, closest in length to the answer first. */
function unlike(answer: string, candidates: readonly string[], count = 3): string[] {
  const chosen: string[] = [];
  const byLength = [...new Set(candidates)].sort((a, b) => Math.abs(a.length - answer.length) - Math.abs(b.length - answer.length) || a.localeCompare(b));
  for (const c of byLength) {
    if (chosen.length >= count) break;
    if (c.toLowerCase() === answer.toLowerCase() || [answer, ...chosen].some((x) => differsByFewWords(x, c))) continue;
    chosen.push(c);
  }
  return chosen;
}

/** "What does “fitness” mean in this lecture?": its definition among other terms' definitions, each with its own term left out. */
function meaningQuestion(
  entry: GlossaryEntry,
  term: Term,
  glossary: readonly { entry: GlossaryEntry; term: Term }[],
  analysis: Analysis,
  pool: readonly Term[],
): Question | null {
  const answer = described(entry.definition, term);
  const others = glossary
    .filter((g) => g.term !== term && g.entry.definition !== entry.definition && !termPattern(term).test(g.entry.definition))
    .map((g) => described(g.entry.definition, g.term));
  // Short of other definitions: lines that describe another key term.
  const distractors = unlike(answer, others.length >= 3 ? others : [...others, ...linesAboutOthers(term, analysis, pool)]);
  if (distractors.length < 3) return null;
  return choiceQuestion(
    'term',
    `What does “${term.display}” mean in this lecture?`,
    answer,
    distractors,
    `The lecture says: ${quote(entry.definition)}`,
    entry.startMs,
  );
}

/** Lines whose subject is another key term, never mentioning this one, each with its own term left out. */
function linesAboutOthers(term: Term, analysis: Analysis, pool: readonly Term[]): string[] {
  return pool
    .filter((t) => t !== term)
    .flatMap((t) => t.sentences.map((i) => ({ t, s: analysis.sentences[i]! })))
    .filter(({ t, s }) => standsAlone(s) && subjectOf(s, t) && !termPattern(term).test(s.text))
    .map(({ t, s }) => described(asDisplayed(s), t));
}

/** "Which line of the lecture is about “the call stack”?": a line whose subject is the term, among lines about other terms. */
function aboutQuestion(index: number, term: Term, analysis: Analysis, pool: readonly Term[]): Question | null {
  const sentence = analysis.sentences[index]!;
  if (!subjectOf(sentence, term)) return null;
  const answer = described(asDisplayed(sentence), term);
  const distractors = unlike(answer, linesAboutOthers(term, analysis, pool));
  if (distractors.length < 3) return null;
  return choiceQuestion(
    'term',
    `Which line of the lecture is about “${term.display}”? (Each line has its own term left out as “…”.)`,
    answer,
    distractors,
    `The lecture says: ${quote(asDisplayed(sentence))}`,
    sentence.startMs,
  );
}

/** True when the term is the subject the sentence opens with ("Fitness is …", "The dominant chord has …") and a verb follows it. */
function subjectOf(sentence: Sentence, term: Term): boolean {
  const first = term.key.split(/[\s-]/)[0]!;
  const at = sentence.tokens.findIndex((t) => t.normal === first || t.lemma.toLowerCase() === first);
  return (
    at >= 0 &&
    sentence.tokens.slice(0, at).every((t) => /^(?:a|an|the)$/.test(t.normal) || t.pos === 'ADJ') &&
    sentence.tokens.slice(at + 1).some((t) => /^(VERB|AUX)$/.test(t.pos))
  );
}

/**
 * "Which concept does the lecture describe here: “… shifts in the direction
 * that partly counteracts the disturbance”?": a line whose subject is the term,
 * other key terms as choices.
 */
function conceptQuestion(index: number, term: Term, analysis: Analysis, pool: readonly Term[]): Question | null {
  const sentence = analysis.sentences[index]!;
  const text = asDisplayed(sentence);
  const form = formIn(term, text);
  if (!form || !subjectOf(sentence, term) || text.split(/\s+/).length < 8) return null;
  const distractors = distractorsFor(term, form, pool, text);
  if (distractors.length < 3) return null;
  return choiceQuestion(
    'concept',
    `Which concept does the lecture describe here: ${quote(described(text, term))}`,
    form.toLowerCase(),
    distractors,
    `The lecture says: ${quote(text)}`,
    sentence.startMs,
  );
}

export interface CauseAndEffect {
  cause: string;
  effect: string;
  /** "when": the cause is a condition ("if you heat it up"), asked as "What happens …?". */
  form: 'when' | 'because' | 'so' | 'leads';
}

const clause = (text: string) => text.replace(/^[\s,;:—-]+|[\s,;:.!?—-]+$/g, '').trim();
const clauseWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * The cause and the effect a sentence states, if it states one: "If you add
 * more nitrogen, the equilibrium shifts to the right", "…, because the trait is
 * heritable", "…, so the price falls", "Soot leads to …".
 */
export function causeAndEffect(sentence: Sentence): CauseAndEffect | null {
  const text = sentence.text;
  // Each side one clause of 3-18 words: no comma inside, not a relative clause.
  const one = (t: string) => clauseWords(t) >= 3 && clauseWords(t) <= 18 && !/,/.test(clause(t)) && !/^(?:which|that|who)\b/i.test(clause(t));
  const fits = (c: string, e: string) => one(c) && one(e);
  const conditional = /^(?:(?:and|so|now|okay|but)\s+)?(?:if|when|whenever)\s+([^,;]+),\s*(?:then\s+)?([^;]+?)[.!]?$/i.exec(text);
  if (conditional && fits(conditional[1]!, conditional[2]!) && !/\?$/.test(text))
    return { cause: clause(conditional[1]!), effect: clause(conditional[2]!), form: 'when' };
  if (!sentence.punctuated) return null;
  const because = /^(?:(?:and|so)\s+)?([^,;]+?),?\s+because\s+([^,;]+?)[.!]?$/i.exec(text);
  if (because && fits(because[2]!, because[1]!) && !/^(?:why|that|this|it)\b/i.test(because[1]!))
    return { cause: clause(because[2]!), effect: clause(because[1]!), form: 'because' };
  const so = /^([^;]+?),\s+(?:and\s+)?(?:so|therefore|which means)\s+(?!that\b)([^;]+?)[.!]?$/i.exec(text);
  if (so && fits(so[1]!, so[2]!) && !/^(?:and|but|so|okay|alright)\b/i.test(so[1]!)) return { cause: clause(so[1]!), effect: clause(so[2]!), form: 'so' };
  const leads = /^([^,;]+?)\s+(?:leads? to|led to|causes?|caused|results? in|resulted in)\s+([^;]+?)[.!]?$/i.exec(text);
  if (leads && fits(leads[1]!, leads[2]!)) return { cause: clause(leads[1]!), effect: clause(leads[2]!), form: 'leads' };
  return null;
}

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** "What happens, according to the lecture, if you heat it up?": the stated effect among the effects of the lecture's other causes. */
function causeQuestion(index: number, found: CauseAndEffect, effects: readonly string[], analysis: Analysis): Question | null {
  const sentence = analysis.sentences[index]!;
  const answer = lowerFirst(found.effect);
  // The cause must not give the answer away, nor lean on a sentence before it ("it", "that").
  if (/^(?:it|this|that|they|these|those)\b/i.test(found.cause.replace(/^(?:if|when)\s+/i, ''))) return null;
  const distractors = unlike(
    answer,
    effects.map(lowerFirst).filter((e) => e !== answer),
  );
  if (distractors.length < 3) return null;
  const cause = lowerFirst(found.cause);
  const conditional = /^(?:if|when|whenever)\b/i.test(sentence.text.replace(/^(?:and|so|now|okay|but)\s+/i, ''));
  const opener = /^(?:and|so|now|okay|but)\s+/i.exec(sentence.text) ? sentence.text.replace(/^(?:and|so|now|okay|but)\s+/i, '') : sentence.text;
  const word = conditional ? opener.split(/\s+/)[0]!.toLowerCase() : '';
  const prompt =
    found.form === 'when'
      ? `According to the lecture, what happens ${word} ${cause}?`
      : found.form === 'leads'
        ? `According to the lecture, what does ${cause} lead to?`
        : `According to the lecture, what follows from this: ${quote(`${cause.charAt(0).toUpperCase()}${cause.slice(1)}`)}?`;
  return choiceQuestion('concept', prompt, answer, distractors, `The lecture says: ${quote(asDisplayed(sentence))}`, sentence.startMs);
}

export function statementQuestion(index: number, term: Term, analysis: Analysis, pool: readonly Term[]): Question | null {
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

/**
 * 5-10 questions in lecture order: which term a definition names, what a term
 * means, which concept a line describes, what follows from a stated cause; cloze
 * lines at most a third. Statements with a swapped term only when nothing else
 * makes five.
 */
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
  const counts = { definition: 0, term: 0, concept: 0, cause: 0, statement: 0, cloze: 0 };
  const asked = new Set<string>();
  for (const g of glossary)
    if (counts.definition < 3 && add(definitionQuestion(g.entry, g.term, pool, analysis), g.entry.definition)) {
      counts.definition++;
      asked.add(`d:${g.term.key}`);
    }
  // What a term means, for terms not asked about yet; its definition is then used up.
  const meaning = (g: (typeof glossary)[number]) => {
    if (counts.term >= 2 || !add(meaningQuestion(g.entry, g.term, glossary, analysis, pool), `term:${g.term.key}`)) return;
    counts.term++;
    used.add(g.entry.definition);
    asked.add(`p:${g.term.key}`);
  };
  for (const g of [...glossary].reverse()) if (!asked.has(`d:${g.term.key}`)) meaning(g);
  // Cause and effect: every causal line of the lecture, the others' effects as choices.
  const causal = analysis.sentences
    .map((s, i) => ({ i, found: causeAndEffect(s) }))
    .filter((x): x is { i: number; found: CauseAndEffect } => x.found !== null && analysis.sentences[x.i]!.text.split(/\s+/).length <= 40);
  const effects = causal.map((c) => c.found.effect);
  const aboutTerms = (i: number) => pool.some((t) => t.sentences.includes(i));
  for (const { i, found } of [...causal].sort((a, b) => Number(aboutTerms(b.i)) - Number(aboutTerms(a.i)) || a.i - b.i)) {
    if (counts.cause >= 3 || questions.length >= 8) break;
    if (add(causeQuestion(i, found, effects, analysis), analysis.sentences[i]!.text)) counts.cause++;
  }
  const candidates = pool.flatMap((term) =>
    term.sentences
      .filter((i) => standsAlone(analysis.sentences[i]!))
      .slice(0, 3)
      .map((i) => ({ term, i })),
  );
  for (const { term, i } of candidates) {
    if (counts.concept >= 3 || questions.length >= 9 || asked.has(`p:${term.key}`)) continue;
    if (add(conceptQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) {
      counts.concept++;
      asked.add(`p:${term.key}`);
    }
  }
  const clozes = (limit: number) => {
    for (const { term, i } of candidates) {
      if (questions.length >= limit || (counts.cloze + 1) * 3 > questions.length + 1) continue;
      if (asked.has(`c:${term.key}`) || asked.has(`d:${term.key}`)) continue;
      if (add(clozeQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) {
        counts.cloze++;
        asked.add(`c:${term.key}`);
      }
    }
  };
  clozes(8);
  // Short of six: more lines described, then clozes within their third.
  for (const { term, i } of candidates) {
    if (questions.length >= 6) break;
    if (add(conceptQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) counts.concept++;
  }
  clozes(8);
  // Short of six: which line is about a term; short of five (a short or unpunctuated lecture): clozes beyond their third, rather than no quiz at all.
  const standing = pool.flatMap((term) => term.sentences.filter((i) => standsAlone(analysis.sentences[i]!)).map((i) => ({ term, i })));
  for (const { term, i } of standing) {
    if (questions.length >= 6) break;
    if (!asked.has(`p:${term.key}`) && add(aboutQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) asked.add(`p:${term.key}`);
  }
  for (const { term, i } of standing) {
    if (questions.length >= 6) break;
    if (add(conceptQuestion(i, term, analysis, pool) ?? aboutQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) counts.concept++;
  }
  clozes(8);
  const anySentence = pool.flatMap((term) => term.sentences.map((i) => ({ term, i })));
  for (const { term, i } of [...candidates, ...anySentence]) {
    if (questions.length >= 5) break;
    if (add(clozeQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) counts.cloze++;
  }
  // Statements with a swapped term test wording, not ideas: only when nothing else makes five.
  for (const { term, i } of candidates) {
    if (questions.length >= 5) break;
    if (add(statementQuestion(i, term, analysis, pool), analysis.sentences[i]!.text)) counts.statement++;
  }
  if (questions.length < 5) {
    throw new PipelineError(
      `the transcript is too short for the offline quiz: found ${questions.length} usable questions about its key terms, need 5 (add a longer caption file or set OPENAI_API_KEY)`,
    );
  }
  return { questions: questions.sort((a, b) => a.startMs - b.startMs) };
}
