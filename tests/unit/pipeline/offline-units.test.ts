// The offline provider's modules on tiny hand-made lectures: fast enough to run under mutation testing.
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../../scripts/pipeline/adapters.ts';
import { splitSentences, type Sentence } from '../../../scripts/pipeline/offline/language.ts';
import { documentTerms, EMPTY_LIBRARY, isFillerWord, libraryStats, rankTerms, termPattern, type Term } from '../../../scripts/pipeline/offline/terms.ts';
import {
  asDisplayed,
  buildNotes,
  centralSentences,
  definingSentence,
  glossaryOf,
  mergeThinSections,
  phraseAround,
  sectionTerms,
  sectionTitle,
  standsAlone,
} from '../../../scripts/pipeline/offline/notes.ts';
import { blankOut, buildQuiz, causeAndEffect, distractorsFor, standsAsPhrase, statementQuestion } from '../../../scripts/pipeline/offline/quiz.ts';
import type { Segment } from '../../../src/lib/schema.ts';

/** One cue per line, five seconds apart. */
const lecture = (...lines: string[]): Segment[] => lines.map((text, i) => ({ startMs: i * 5000, endMs: i * 5000 + 4500, text }));
const analyse = (segments: Segment[], title = '') => {
  const sentences = splitSentences(segments);
  return { sentences, terms: rankTerms(sentences, EMPTY_LIBRARY, title) };
};
const byKey = (terms: Term[], key: string) => terms.find((t) => t.key === key);

const vectors = lecture(
  'Hello everyone, and welcome to this video about vectors.',
  'A vector is an arrow that has a length and a direction.',
  'We add two vectors by placing the tail of one vector at the tip of the other.',
  'A number that stretches a vector is called a scalar.',
  'Multiplying a vector by a scalar changes its length but keeps its direction.',
  'The span of two vectors is the set of every linear combination of them.',
  'A linear combination adds scaled vectors together.',
  'Every linear combination of the two basis vectors lands somewhere in the plane.',
  'The basis vectors are called i-hat and j-hat.',
  'The i-hat points to the right and the j-hat points up.',
  'The determinant measures how much a matrix stretches areas.',
  'A matrix is a grid of numbers that describes a linear transformation.',
  'A linear transformation keeps grid lines parallel and evenly spaced.',
  'The determinant of a matrix is zero when the matrix squashes the plane onto a line.',
  'The span of the columns of a matrix is called its column space.',
  'The column space tells us which outputs the matrix can reach.',
  'Thanks for watching, and see you in the next video.',
);

const neurons = lecture(
  'Grant trains a network on MNIST today.',
  'Grant says MNIST holds many handwritten digits.',
  'Each neuron holds a number between zero and one.',
  'We call that number the activation of the neuron.',
  'The activation of a neuron is bright when the neuron fires.',
  'Different neurons in the network have different activations.',
  'A weight connects two neurons in a network.',
  'The bias, which is a number added before the squishing, shifts the activation.',
  'Each weight and each bias is learned from the digits.',
);

describe('key terms', () => {
  it('ranks the lecture’s own vocabulary, the most mentioned first, ties by name', () => {
    const { terms } = analyse(vectors);
    expect(terms.map((t) => t.display)).toEqual([
      'vector',
      'matrix',
      'linear combination',
      'basis vectors',
      'column space',
      'linear transformation',
      'direction',
      'grid',
      'i-hat',
      'j-hat',
      'length',
      'plane',
      'span',
    ]);
    expect(terms[0]!.sentences).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('merges singular and plural under the singular the lecture uses, with every form it uses', () => {
    const vector = byKey(analyse(vectors).terms, 'vector')!;
    expect(vector.display).toBe('vector');
    expect(vector.forms).toEqual(['vectors', 'vector']);
    expect(termPattern(vector).test('Two Vectors add up')).toBe(true);
    expect(termPattern(vector).test('a vectorial sum')).toBe(false);
    expect(termPattern(byKey(analyse(vectors).terms, 'i-hat')!).test('the I-hat points right')).toBe(true);
    expect(termPattern(byKey(analyse(vectors).terms, 'i-hat')!).test('the ihat points right')).toBe(false);
    // Only the plural is ever said: it is shown as said.
    expect(byKey(analyse(vectors).terms, 'basis vector')!.display).toBe('basis vectors');
    expect(byKey(analyse(neurons).terms, 'digit')!.display).toBe('digits');
  });

  it('never offers greetings, the video itself, people’s names or words said once', () => {
    const keys = [...analyse(vectors).terms, ...analyse(neurons).terms].map((t) => t.key);
    for (const filler of ['video', 'everyone', 'number', 'today', 'grant', 'arrow', 'scalar', 'hello']) expect(keys).not.toContain(filler);
    expect(keys).toContain('mnist');
    expect(isFillerWord('Video')).toBe(true);
    expect(isFillerWord('vector')).toBe(false);
  });

  it('keeps a vague adjective out of a phrase, and a lettered name like i-hat whole', () => {
    const keys = analyse(neurons).terms.map((t) => t.key);
    expect(keys).not.toContain('different neuron');
    expect(byKey(analyse(neurons).terms, 'activation')!.forms).toEqual(['activation', 'activations']);
    const vectorKeys = analyse(vectors).terms.map((t) => t.key);
    expect(vectorKeys).toEqual(expect.arrayContaining(['i-hat', 'j-hat']));
    expect(vectorKeys).not.toContain('hat');
  });

  it('lets a phrase replace its word only when the phrase is how the word is nearly always used', () => {
    const keys = analyse(vectors).terms.map((t) => t.key);
    expect(keys).toContain('linear combination');
    expect(keys).not.toContain('combination');
    expect(keys).not.toContain('space');
    // "basis vectors" is 2 of the 9 sentences about vectors: "vector" stays.
    expect(keys).toEqual(expect.arrayContaining(['basis vector', 'vector']));
  });

  it('puts a term of the title ahead of its equals', () => {
    const plain = analyse(vectors).terms.map((t) => t.key);
    const titled = analyse(vectors, 'The column space of a matrix').terms.map((t) => t.key);
    expect(plain.indexOf('column space')).toBeGreaterThan(plain.indexOf('basis vector'));
    expect(titled.indexOf('column space')).toBeLessThan(titled.indexOf('linear combination'));
    expect(
      analyse(vectors, 'What a span is')
        .terms.map((t) => t.key)
        .indexOf('span'),
    ).toBeLessThan(plain.indexOf('span'));
  });

  it('reads lower-case auto-captions, where a term may be the very first word', () => {
    const autoCaptions = [
      'gradient descent finds the lowest point of the cost function',
      'neurons fire when their input is strong enough for them',
      'gradient descent takes small steps downhill on the cost surface',
      'neurons in the next layer listen to the ones before',
    ];
    const segments = autoCaptions.map((text, i) => ({ startMs: i * 5000, endMs: i * 5000 + 2000, text }));
    expect(analyse(segments).terms.map((t) => t.key)).toEqual(['gradient descent', 'cost', 'neuron']);
  });

  it('never makes a term of a two-letter word, a shouted verb or a phrase longer than three words, but keeps a tool name', () => {
    const keys = analyse(
      lecture(
        'We use TensorFlow to train the model.',
        'TensorFlow builds the model graph.',
        'Always NORMALIZE the inputs of the model.',
        'Again we NORMALIZE the inputs.',
        'Then each ox gets a vector, and an ox pulls the corpus.',
        'Every ox reads the corpus.',
        'A deep convolutional neural network sees images.',
        'Every deep convolutional neural network has layers.',
      ),
    ).terms.map((t) => t.key);
    expect(keys).toContain('tensorflow');
    expect(keys).toContain('convolutional neural network');
    for (const key of keys) expect(key.split(' ').length).toBeLessThanOrEqual(3);
    expect(keys).not.toContain('normalize');
    expect(keys).not.toContain('ox');
  });

  it('keeps a verb out of a phrase and reads "row-vector" as a vector', () => {
    const keys = analyse(
      lecture(
        'We normalize vectors before training.',
        'You normalize vectors to length one.',
        'A row-vector and a column-vector are both vectors.',
        'Every vector has a length.',
      ),
    ).terms.map((t) => t.key);
    expect(keys).toEqual(['vector', 'length']);
  });

  it('shows the singular even when the lecture says it only at the start of a sentence', () => {
    const digit = byKey(analyse(lecture('The network reads digits.', 'Digit images are small.', 'Each of the digits is a picture.')).terms, 'digit')!;
    expect(digit.display).toBe('digit');
  });

  it('lists a term’s forms most used first, ties in alphabetical order', () => {
    const neuron = byKey(
      analyse(lecture('Layers of neurons pass numbers on.', 'A neuron holds one activation.', 'Every neuron has a bias.', 'The neuron fires with a bias.'))
        .terms,
      'neuron',
    )!;
    expect(neuron.forms).toEqual(['neuron', 'neurons']);
    const tie = byKey(analyse(lecture('Two vectors add.', 'A vector has a length.', 'The length of a line.')).terms, 'vector')!;
    expect(tie.forms).toEqual(['vector', 'vectors']);
  });

  it('counts a plural title as naming the term', () => {
    expect(analyse(neurons).terms[0]!.key).toBe('neuron');
    expect(analyse(neurons, 'Activations').terms[0]!.key).toBe('activation');
  });

  it('ranks a term lower when the rest of the library uses it too', () => {
    const sentences = splitSentences(vectors);
    const everywhere = libraryStats(Array.from({ length: 9 }, () => new Set(['vector'])));
    expect(everywhere.documents).toBe(9);
    expect(everywhere.frequency.get('vector')).toBe(9);
    const alone = rankTerms(sentences, libraryStats([documentTerms(sentences)]));
    const against = rankTerms(sentences, everywhere);
    expect(alone[0]!.key).toBe('vector');
    expect(against[0]!.key).toBe('matrix');
    expect(byKey(against, 'vector')!.score).toBeLessThan(byKey(alone, 'vector')!.score);
    expect(documentTerms(sentences)).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(documentTerms(sentences).has('linear combination')).toBe(true);
  });
});

const sentence = (text: string, extra: Partial<Sentence> = {}): Sentence => ({ ...splitSentences(lecture(text))[0]!, ...extra });

describe('sentences a reader can take out of the lecture', () => {
  it('takes whole statements of 6-45 words that do not lean on the sentence before', () => {
    expect(standsAlone(sentence('A vector is an arrow that has a length.'))).toBe(true);
    expect(standsAlone(sentence('Is a vector an arrow with a length?'))).toBe(false);
    expect(standsAlone(sentence('A vector has a length.'))).toBe(false);
    expect(standsAlone(sentence('So a vector is an arrow with a length.'))).toBe(false);
    expect(standsAlone(sentence('It is an arrow that has a length and a direction.'))).toBe(false);
    expect(standsAlone(sentence(`A vector is ${'very '.repeat(42)}long.`))).toBe(false);
    expect(standsAlone(sentence(`A vector is ${'very '.repeat(41)}long.`))).toBe(true);
    expect(standsAlone(sentence('a vector is an arrow that has a length.'))).toBe(false);
    expect(standsAlone(sentence('a vector is an arrow that has a length', { punctuated: false, fromPauses: true }))).toBe(true);
    expect(standsAlone(sentence('A vector is an arrow that has a length', { punctuated: false, fromPauses: false }))).toBe(false);
  });

  it('never takes a sentence that opens by pointing back or with a filler word', () => {
    const openers = [
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
    ];
    for (const opener of openers) {
      const text = `${opener.charAt(0).toUpperCase()}${opener.slice(1)} the vector has a length and a direction.`;
      expect(standsAlone(sentence(text)), text).toBe(false);
    }
    expect(standsAlone(sentence('Every vector has a length and a direction.'))).toBe(true);
  });

  it('shows a sentence cut at a pause with a capital and a full stop, the rest as said', () => {
    expect(asDisplayed(sentence('a vector is an arrow', { punctuated: false, fromPauses: true }))).toBe('A vector is an arrow.');
    expect(asDisplayed(sentence('A vector is an arrow!'))).toBe('A vector is an arrow!');
  });
});

describe('summary', () => {
  const repeated = lecture(
    'A vector is an arrow with a length and a direction in space.',
    'A vector is an arrow with a direction and a length in space.',
    'Adding two vectors puts the tail of one vector on the tip of the other.',
    'Scaling a vector by a number stretches the arrow along its direction.',
    'And that is why every vector has a direction.',
    'Is a vector always an arrow with a direction?',
  );

  it('says each thing once, in whole sentences in lecture order', () => {
    const analysis = analyse(repeated);
    const chosen = centralSentences(
      analysis,
      analysis.sentences.map((_, i) => i),
      4,
    );
    // The scaling line shares most of its words with the first: only one of them.
    expect(chosen).toEqual([0, 2]);
    const { summary } = buildNotes(analysis);
    expect(summary).toBe(
      'A vector is an arrow with a length and a direction in space. Adding two vectors puts the tail of one vector on the tip of the other.',
    );
  });

  it('takes the most central sentences when it has to choose', () => {
    const analysis = analyse(repeated);
    expect(centralSentences(analysis, [0, 2, 3, 4, 5], 1)).toEqual([0]);
    expect(centralSentences(analysis, [2, 3], 1)).toEqual([3]);
    expect(centralSentences(analysis, [4, 5], 2)).toEqual([]);
  });

  it('falls back to the first sentence when none stands alone', () => {
    const analysis = analyse(lecture('So vectors add.', 'And vectors scale.', 'Then vectors span.'));
    expect(buildNotes(analysis).summary).toBe('So vectors add.');
  });
});

describe('glossary', () => {
  it('defines a term by the sentence that names it, with the time it is said', () => {
    const glossary = glossaryOf(analyse(vectors));
    expect(glossary).toEqual([
      { term: 'vector', definition: 'A vector is an arrow that has a length and a direction.', startMs: 5000 },
      { term: 'matrix', definition: 'A matrix is a grid of numbers that describes a linear transformation.', startMs: 55000 },
    ]);
    expect(glossaryOf(analyse(vectors), 1)).toHaveLength(1);
  });

  it('recognises the ways a lecture names a thing', () => {
    const term = (key: string): Term => ({ key, display: key, forms: [key], sentences: [0], score: 1, words: key.split(' ').length });
    const defines = (key: string, text: string, extra: Partial<Sentence> = {}) => definingSentence(term(key), [sentence(text, extra)]) === 0;
    expect(defines('scalar', 'A number used this way is called a scalar.')).toBe(true);
    expect(defines('scalar', 'A number used this way is known as a scalar, by most people.')).toBe(true);
    expect(defines('activation', "We call that number the neuron's activation.")).toBe(true);
    expect(defines('determinant', 'The determinant measures how much areas stretch.')).toBe(true);
    expect(defines('determinant', 'So the determinant is simply the area of the square.')).toBe(true);
    expect(defines('bias', 'The bias, which is a number added first, shifts the output.')).toBe(true);
    expect(defines('span', 'The span tells us where the vectors can reach.')).toBe(true);
    expect(defines('span', 'The span grows when we add vectors.')).toBe(false);
    expect(defines('scalar', 'Is a number used this way called a scalar?')).toBe(false);
    expect(defines('scalar', 'a number used this way is called a scalar', { punctuated: false, fromPauses: false })).toBe(false);
    expect(defines('scalar', `A number used this way ${'and more '.repeat(22)}is called a scalar.`)).toBe(false);
    expect(defines('scalar', 'We will call the number in front of the vector a scalar.')).toBe(true);
    expect(defines('scalar', 'We call them all scalars.')).toBe(false);
  });
});

describe('sections', () => {
  it('follows the lecture’s chapters, in time order, with their titles and start times', () => {
    const chapters = [
      { title: 'Matrices', startMs: 50_000 },
      { title: 'Adding and scaling vectors', startMs: 2_000 },
      { title: 'Never reached', startMs: 500_000 },
    ];
    const notes = buildNotes(analyse(vectors), chapters);
    expect(notes.sections.map((s) => [s.title, s.startMs])).toEqual([
      ['Adding and scaling vectors', 2_000],
      ['Matrices', 50_000],
    ]);
    // The greeting before the first chapter belongs to it; each chapter's body is its own sentences.
    expect(notes.sections[0]!.body.split('\n').every((line) => !/matrix/i.test(line))).toBe(true);
    expect(notes.sections[1]!.body).toMatch(/matrix/);
    expect(notes.sections[1]!.keyTerms[0]).toBe('matrix');
    expect(notes.sections[0]!.keyTerms).toEqual(['vector', 'linear combination', 'basis vectors', 'direction', 'i-hat']);
  });

  it('titles a section by its key phrase in 2-8 words, never a comma list', () => {
    const notes = buildNotes(analyse(vectors));
    expect(notes.sections).toHaveLength(1);
    const [section] = notes.sections;
    expect(section!.title).toBe('Scaled vectors');
    expect(section!.startMs).toBe(0);
    expect(section!.body.split('\n')).toHaveLength(3);
    expect(section!.body.split('\n').every((line) => line.startsWith('- '))).toBe(true);
    expect(buildNotes(analyse(neurons)).sections[0]!.title).toBe('The activation of a neuron');
  });
});

const twoTopics = lecture(
  'A vector is an arrow that starts at the origin and points to a place in the plane, with a length and a direction of its own.',
  'We add two vectors by moving the tail of the second vector to the tip of the first vector and drawing the arrow from start to end.',
  'Scaling a vector by a number stretches or squishes the arrow, and a negative number flips the vector around to point the other way.',
  'The coordinates of a vector tell us how far to walk along the horizontal axis and then how far along the vertical axis of the plane.',
  'Every vector in the plane can be written with two coordinates, one for each axis, stacked in a column between square brackets on the page.',
  'Adding vectors coordinate by coordinate gives the same arrow as moving the tail of one vector to the tip of the other vector in the plane.',
  'The length of a vector comes from the theorem of Pythagoras applied to its two coordinates along the axes of the plane we drew.',
  'A unit vector has length one, and dividing any vector by its own length gives the unit vector that points in the same direction.',
  'The zero vector sits at the origin, has no length at all, and adding it to another vector leaves that vector exactly where it was.',
  'Two vectors that point along the same line are parallel, because one vector is simply a scaled copy of the other vector in the plane.',
  'Thinking of each vector as an arrow from the origin makes addition and scaling of vectors easy to picture on the coordinate plane.',
  'With addition and scaling of vectors in hand, we can describe every point of the plane as a combination of two simple arrows.',
  'A neuron in a network holds a single activation between zero and one, and the activation says how strongly that neuron fires right now.',
  'Each connection between two neurons carries a weight, and the weight says how much the activation of one neuron pushes the next neuron.',
  'A neuron adds up the weighted activations of the previous layer, then adds a bias, and squishes the sum with a sigmoid into a fresh activation.',
  'The bias of a neuron shifts how high the weighted sum must climb before the neuron becomes meaningfully active in its layer of the network.',
  'The first layer of the network holds one neuron per pixel of the image, and its activation is the brightness of that pixel on the screen.',
  'The last layer of the network has ten neurons, one for each digit, and the brightest neuron in that layer is the guess of the network.',
  'Hidden layers sit between the first layer and the last layer, and each neuron in a hidden layer might learn to detect an edge or a loop.',
  'Learning means finding the weights and biases of every neuron so that the network gives the right digit for each image in the training data.',
  'A network with two hidden layers of sixteen neurons each already has about thirteen thousand weights and biases for learning to adjust.',
  'The sigmoid squishes any weighted sum into an activation between zero and one, so every neuron in the network speaks the same range.',
  'Modern networks often replace the sigmoid with a rectified linear unit, which keeps a positive weighted sum and turns a negative one into zero.',
  'Writing the activations of a layer as a column and the weights as a grid turns the whole layer of neurons into one tidy formula.',
);

describe('sections without chapters', () => {
  it('cuts a lecture where its subject changes, each part titled by its own key phrase', () => {
    const analysis = analyse(twoTopics);
    const notes = buildNotes(analysis);
    // About one section per 230 words; the first cut falls where the lecture turns from vectors to neurons.
    expect(notes.sections.map((s) => s.startMs)).toEqual([0, 60_000, 105_000]);
    for (const section of notes.sections) {
      expect(section.title.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(section.title.split(' ').length).toBeLessThanOrEqual(8);
      expect(section.title).not.toContain(',');
    }
    expect(notes.sections[0]!.keyTerms[0]).toBe('vector');
    expect(notes.sections[1]!.keyTerms[0]).toBe('neuron');
    expect(notes.sections[0]!.body).not.toMatch(/neuron/);
    for (const section of notes.sections.slice(1)) expect(section.body).not.toMatch(/vector/);
  });
});

describe('quiz', () => {
  // Built inside each test, so mutation testing knows which tests reach which code.
  const vectorQuiz = () => buildQuiz(analyse(vectors));

  it('asks 5-10 questions in lecture order, at most a third cloze, each at the time its line is said', () => {
    const quiz = vectorQuiz();
    expect(quiz.questions.map((q) => q.kind)).toEqual(['definition', 'concept', 'cloze', 'definition', 'concept', 'cloze', 'concept']);
    expect(quiz.questions.map((q) => q.startMs)).toEqual([5000, 25000, 30000, 55000, 60000, 70000, 75000]);
    for (const q of quiz.questions) expect(new Set(q.choices).size).toBe(4);
  });

  it('asks which term a definition names, with the term blanked and the article giving nothing away', () => {
    const quiz = vectorQuiz();
    const q = quiz.questions[0]!;
    expect(q.prompt).toBe('Which term does the lecture define here: “A(n) ____ is an arrow that has a length and a direction.”');
    expect(q.choices[q.answer]).toBe('vector');
    expect(q.explanation).toBe('The lecture says: “A vector is an arrow that has a length and a direction.”');
  });

  it('asks which concept a line describes, the line’s subject left out and other key terms as choices', () => {
    const q = vectorQuiz().questions[1]!;
    expect(q.prompt).toBe('Which concept does the lecture describe here: “The … of two vectors is the set of every linear combination of them.”');
    expect(q.choices[q.answer]).toBe('span');
    expect(q.choices.filter((c) => c !== 'span')).toEqual(expect.arrayContaining(['grid', 'i-hat', 'j-hat']));
    expect(q.explanation).toBe('The lecture says: “The span of two vectors is the set of every linear combination of them.”');
  });

  it('never offers statements with a key term swapped in while other questions make five', () => {
    for (const quiz of [vectorQuiz(), buildQuiz(analyse(network))]) expect(quiz.questions.filter((q) => q.kind === 'statement')).toEqual([]);
  });

  it('keeps, as a last resort, the lecture’s statement among versions with another key term swapped in', () => {
    const analysis = analyse(vectors);
    const at = analysis.sentences.findIndex((x) => x.text.startsWith('The span of two vectors'));
    const q = statementQuestion(at, byKey(analysis.terms, 'linear combination')!, analysis, analysis.terms.slice(0, 16))!;
    expect(q.prompt).toBe('Which statement matches what the lecture says?');
    expect(q.choices[q.answer]).toBe('The span of two vectors is the set of every linear combination of them.');
    for (const c of q.choices) expect(c).toMatch(/^The span of two vectors is the set of every [a-z -]+ of them\.$/);
    const capitalAt = analysis.sentences.findIndex((x) => x.text.startsWith('A linear transformation keeps'));
    const capital = statementQuestion(capitalAt, byKey(analysis.terms, 'linear transformation')!, analysis, analysis.terms.slice(0, 16))!;
    expect(capital.choices[capital.answer]).toBe('A linear transformation keeps grid lines parallel and evenly spaced.');
    expect(capital.choices.every((c) => /^A [a-z]/.test(c))).toBe(true);
  });

  it('gives a term swapped into a statement the article it needs ("an activation", never "a activation")', () => {
    const analysis = analyse(
      lecture(
        'A neuron is a unit that holds a number between zero and one.',
        'The activation is the number inside a neuron.',
        'Each connection into a neuron carries a weight that scales the activation.',
        'A bias is a number added to the weighted sum before the squishing.',
        'We call a row of neurons that read the same inputs a layer.',
        'Every neuron in the next layer takes a weight from every neuron in this layer.',
        'An input is a number given to the first layer.',
        'The network learns by nudging a weight and a bias a little at a time.',
        'Changing one weight changes the activation of the next neuron a little.',
        'A large bias makes the neuron fire even when the weighted sum is small.',
      ),
    );
    const pool = analysis.terms.slice(0, 16);
    const swapped = pool
      .flatMap((term) => term.sentences.map((i) => statementQuestion(i, term, analysis, pool)))
      .filter((q) => q !== null)
      .flatMap((q) => q.choices.filter((_, i) => i !== q.answer))
      .flatMap((c) => [...c.matchAll(/\b(an?) (activation|input|bias|weight|neuron|layer)\b/gi)].map((m) => [m[1]!.toLowerCase(), m[2]!.toLowerCase()]));
    expect(swapped.filter(([article]) => article === 'an').length).toBeGreaterThan(0);
    for (const [article, noun] of swapped) expect(`${article} ${noun}`).toBe(`${/^[aeiou]/.test(noun!) ? 'an' : 'a'} ${noun}`);
  });

  it('blanks a key term for cloze lines and answers with the term', () => {
    const quiz = vectorQuiz();
    const q = quiz.questions[2]!;
    expect(q.prompt).toBe('Which term completes this line of the lecture: “A(n) ____ adds scaled vectors together.”');
    expect(q.choices[q.answer]).toBe('linear combination');
  });

  it('asks what the lecture calls a thing, with the sentence before as context', () => {
    const analysis = analyse([
      ...vectors.slice(0, 16),
      ...lecture(
        'Each matrix stretches every area by the same number.',
        'We call that number the stretch factor.',
        'The stretch factor of a rotation is one.',
      ).map((s) => ({ ...s, startMs: s.startMs + 80_000 })),
    ]);
    const called = buildQuiz(analysis).questions.find((q) => q.prompt.includes('What does the lecture call'))!;
    expect(called.prompt).toBe('Each matrix stretches every area by the same number. What does the lecture call that number?');
    expect(called.choices[called.answer]).toBe('stretch factor');
    expect(called.startMs).toBe(85_000);
  });

  it('draws three distractors of the same number, closest in length, none named in the line', () => {
    const { terms } = analyse(vectors);
    const vector = byKey(terms, 'vector')!;
    expect(distractorsFor(vector, 'vector', terms, '')).toEqual(['length', 'matrix', 'i-hat']);
    expect(distractorsFor(vector, 'vector', terms, 'a grid and a length')).toEqual(['matrix', 'i-hat', 'j-hat']);
    // "basis vectors" shares a word with "vector": never a distractor for it.
    expect(distractorsFor(vector, 'vectors', terms, '')).toEqual([]);
    const matrix = byKey(terms, 'matrix')!;
    expect(distractorsFor(matrix, 'matrix', terms, '')).toEqual(['length', 'vector', 'i-hat']);
    expect(distractorsFor(byKey(terms, 'linear combination')!, 'linear combination', terms, '')).toEqual(['column space', 'direction', 'length']);
  });

  it('swaps or blanks a term only where it stands as a phrase of its own', () => {
    const { terms } = analyse(vectors);
    const vector = byKey(terms, 'vector')!;
    expect(standsAsPhrase(vector, sentence('A vector is an arrow.'))).toBe(true);
    expect(standsAsPhrase(vector, sentence('The basis vector points up.'))).toBe(false);
    expect(standsAsPhrase(vector, sentence('A vector space holds vectors.'))).toBe(false);
    expect(standsAsPhrase(vector, sentence('A vector plus a vector is a vector.'))).toBe(false);
    expect(standsAsPhrase(byKey(terms, 'i-hat')!, sentence('We draw the i-hat in green.'))).toBe(true);
  });

  it('refuses a lecture too short for five questions, saying what to do', () => {
    expect(() => buildQuiz(analyse(vectors.slice(0, 6)))).toThrow(PipelineError);
    expect(() => buildQuiz(analyse(vectors.slice(0, 6)))).toThrow(
      /too short for the offline quiz: found 0 usable questions about its key terms, need 5 \(add a longer caption file or set OPENAI_API_KEY\)/,
    );
  });
});

/** A hand-made key term: for tests that need exact scores and mentions. */
const made = (key: string, sentences: number[], score = 1, forms = [key]): Term => ({
  key,
  display: key,
  forms,
  sentences,
  score,
  words: key.split(' ').length,
});
/** Sentences of a punctuated lecture, one line each. */
const lines = (...texts: string[]) => splitSentences(lecture(...texts));
/** Terms no sentence uses, ranked above the ones under test. */
const unused = (n: number, sentences: number[] = []) => Array.from({ length: n }, (_, k) => made(`unused${k}`, sentences, 1000));

describe('sentences a reader can take out of the lecture, at their edges', () => {
  it('takes a six-word statement and a quoted one, judging a quoted sentence by its first word', () => {
    expect(standsAlone(sentence('A vector has a long tail.'))).toBe(true);
    expect(standsAlone(sentence('"A vector is an arrow with a length."'))).toBe(true);
    expect(standsAlone(sentence('"So a vector is an arrow with a length."'))).toBe(false);
    expect(standsAlone(sentence('a vector is an Arrow that has a length.'))).toBe(false);
  });

  it('never takes a greeting or a sign-off', () => {
    for (const text of [
      'Hi everyone, welcome back to the channel.',
      'Hello and welcome to this lecture on vectors.',
      'Welcome back to linear algebra for beginners.',
      'Thanks for watching, and see you next time.',
      'Thank you all for joining the course today.',
    ]) {
      expect(standsAlone(sentence(text)), text).toBe(false);
    }
    const analysis = analyse(lecture('Hi everyone, welcome back to the channel about vectors.', ...vectors.slice(1).map((s) => s.text)));
    expect(buildNotes(analysis).summary).not.toMatch(/welcome/i);
  });
});

describe('choosing central sentences', () => {
  it('weighs key terms per word, so a long sentence does not win by its length alone', () => {
    const sentences = lines(
      'A vector is an arrow with a direction.',
      'A vector is a list of numbers that describes a position, a speed, a force or any other quantity with both a size and a direction in space.',
    );
    expect(centralSentences({ sentences, terms: [made('vector', [0, 1])] }, [0, 1], 1)).toEqual([0]);
    // Naming two key terms outweighs the length.
    expect(centralSentences({ sentences, terms: [made('vector', [0, 1]), made('direction', [1])] }, [0, 1], 1)).toEqual([1]);
  });

  it('prefers a new point to a slightly more relevant one that repeats the first choice, and returns them in lecture order', () => {
    const sentences = lines(
      'Every bias shifts the sum before the squishing step.',
      'A vector is an arrow from the origin to a point.',
      'A matrix moves every arrow of the grid somewhere.',
    );
    const terms = [made('vector', [1], 10), made('matrix', [2], 7.5), made('bias', [0], 7)];
    expect(centralSentences({ sentences, terms }, [0, 1, 2], 2)).toEqual([0, 1]);
    expect(centralSentences({ sentences, terms }, [0, 1, 2], 3)).toEqual([0, 1, 2]);
  });

  it('never takes two sentences sharing half their content words', () => {
    const sentences = lines('A vector is an arrow from the origin to a point.', 'Every arrow starts at the origin of the grid.');
    expect(centralSentences({ sentences, terms: [made('arrow', [0, 1]), made('origin', [0, 1])] }, [0, 1], 2)).toEqual([1]);
  });

  it('takes a sentence with no content words once, beside others, and judges overlap by content words only', () => {
    const sentences = lines(
      'We are all here for you, as you are for us.',
      'Every bias shifts the sum before the squishing step.',
      'We are all here for the vectors, as you are for us.',
    );
    expect(centralSentences({ sentences, terms: [] }, [0, 1], 3)).toEqual([0, 1]);
    expect(centralSentences({ sentences, terms: [] }, [1, 0], 3)).toEqual([0, 1]);
    expect(centralSentences({ sentences, terms: [] }, [0, 2], 2)).toEqual([0, 2]);
  });

  it('weighs only the lecture’s 25 best terms', () => {
    const sentences = lines('A vector is an arrow from the origin to a point.', 'Every bias shifts the sum before the squishing step.');
    expect(centralSentences({ sentences, terms: [...unused(24, [1]), made('bias', [1], 1), made('vector', [0], 5000)] }, [0, 1], 1)).toEqual([1]);
  });
});

describe('thin sections', () => {
  const terms = [made('vector', [0, 1, 2, 3, 4, 5])];

  it('joins a short or term-less section to the one before', () => {
    expect(mergeThinSections([[0, 1, 2], [3, 4, 5], [6]], { sentences: [], terms })).toEqual([
      [0, 1, 2],
      [3, 4, 5, 6],
    ]);
    expect(
      mergeThinSections(
        [
          [0, 1, 2],
          [3, 4, 5],
          [6, 7, 8],
        ],
        { sentences: [], terms },
      ),
    ).toEqual([
      [0, 1, 2],
      [3, 4, 5, 6, 7, 8],
    ]);
  });

  it('joins a short or term-less opening to the section after it, and keeps a lecture of one section', () => {
    expect(mergeThinSections([[0], [1, 2, 3], [4, 5]], { sentences: [], terms })).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(
      mergeThinSections(
        [
          [6, 7, 8],
          [0, 1, 2],
        ],
        { sentences: [], terms },
      ),
    ).toEqual([[6, 7, 8, 0, 1, 2]]);
    expect(
      mergeThinSections(
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        { sentences: [], terms },
      ),
    ).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(mergeThinSections([[0]], { sentences: [], terms })).toEqual([[0]]);
  });

  it('counts only the lecture’s 20 best terms', () => {
    expect(
      mergeThinSections(
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        { sentences: [], terms: [...unused(20, [0]), made('span', [3])] },
      ),
    ).toEqual([[0, 1, 2, 3, 4, 5]]);
  });
});

describe('chapters at their edges', () => {
  it('puts a sentence said exactly when a chapter starts in that chapter, and fills a chapter with no stand-alone line by its longest one', () => {
    const talk = lecture(
      ...vectors.slice(1, 16).map((s) => s.text),
      'So that is it.',
      'And next time we will see what a matrix does to a whole grid of vectors.',
      'Bye now.',
    );
    const notes = buildNotes(analyse(talk), [
      { title: 'Vectors and matrices', startMs: 0 },
      { title: 'Wrapping up', startMs: 75_000 },
    ]);
    expect(notes.sections.map((s) => [s.title, s.startMs])).toEqual([
      ['Vectors and matrices', 0],
      ['Wrapping up', 75_000],
    ]);
    expect(notes.sections[1]!.body).toBe('- And next time we will see what a matrix does to a whole grid of vectors.');
  });
});

describe('phrases around a key term', () => {
  const around = (key: string, text: string, forms = [key]) => phraseAround(made(key, [0], 1, forms), sentence(text));

  it('keeps the article, and reads a pointing word as "the"', () => {
    expect(around('vector', 'We drew a vector in green.')).toBe('a vector');
    expect(around('arrow', 'We drew an arrow in green.')).toBe('an arrow');
    for (const pointer of ['this', 'that', 'these', 'those', 'our', 'your', 'its', 'their', 'my', 'his', 'her', 'each', 'every', 'some', 'any']) {
      expect(around('vector', `We drew ${pointer} vector in green.`), pointer).toBe('the vector');
    }
    expect(around('vector', 'Every arrow is a vector')).toBe('a vector');
    expect(around('vector', 'Vectors point.', ['vector'])).toBeNull();
  });

  it('takes the owner of a possessive along, joined as written', () => {
    expect(around('activation', "We call that number the neuron's activation.")).toBe("the neuron's activation");
    expect(around('activation', 'We call that number the neuron’s activation.')).toBe('the neuron’s activation');
    expect(around('activation', "The neurons' activations are bright.", ['activations'])).toBe("the neurons' activations");
  });

  it('takes up to three telling adjectives, never a vague one', () => {
    expect(around('transformation', 'A rigid linear transformation keeps lengths.')).toBe('a rigid linear transformation');
    expect(around('matrix', 'A sparse symmetric positive definite matrix is easy to store.')).toBe('symmetric positive definite matrix');
    expect(around('vector', 'Big red shiny vector.')).toBe('red shiny vector');
  });

  it('goes on from a compound to its head noun, at most two nouns, never past a plural, a filler word or a letter', () => {
    expect(around('vector', 'The vector field points up.')).toBe('the vector field');
    expect(around('cost', 'The cost function value surface is big.')).toBe('the cost function value');
    expect(around('weight', 'The weights matrix holds every weight.', ['weights'])).toBe('the weights');
    expect(around('vector', 'The vector thing points up.')).toBe('the vector');
    expect(around('vector', 'The vector v points up.')).toBe('the vector');
    expect(around('i-hat', 'We scale the i-hat vector by two.')).toBe('the i-hat vector');
  });

  it('matches a phrase only word for word', () => {
    expect(around('linear transformation', 'A linear transformation keeps lines straight.')).toBe('a linear transformation');
    expect(around('linear transformation', 'A linear map is not a transformation.')).toBeNull();
  });
});

describe('a section’s key terms', () => {
  it('puts first the terms said mostly here, drops the ones never said here, ties by name', () => {
    const terms = [made('vector', [0, 1, 2, 3, 4, 5]), made('span', [0, 1]), made('matrix', [4, 5]), made('basis', [2]), made('arrow', [2])];
    expect(sectionTerms({ sentences: [], terms }, [0, 1, 2]).map((t) => t.key)).toEqual(['span', 'vector', 'arrow', 'basis']);
  });

  it('looks only at the lecture’s 30 best terms', () => {
    expect(sectionTerms({ sentences: [], terms: [...unused(30), made('span', [0, 1])] }, [0, 1])).toEqual([]);
  });
});

describe('section titles', () => {
  const sentences = lines(
    'A linear transformation keeps lines straight.',
    'A rigid linear transformation keeps lengths.',
    'A rigid transformation keeps angles.',
    'We count neurons.',
    'We count activations.',
    'We count neurons and activations.',
  );
  const transformation = made('transformation', [0, 1, 2]);

  it('is the longest phrase around the section’s leading term, as a heading without "a", ties in alphabetical order', () => {
    expect(sectionTitle({ sentences, terms: [] }, [0, 1, 2], [transformation], new Set())).toBe('Rigid linear transformation');
    expect(sectionTitle({ sentences, terms: [] }, [2, 0], [transformation], new Set())).toBe('Linear transformation');
  });

  it('never repeats a title, not even with "the" before it: another phrase, two terms said together, another term, then a part number', () => {
    const used = new Set<string>();
    const neuron = made('neuron', [3, 5], 1, ['neurons']);
    const activation = made('activation', [4, 5], 1, ['activations']);
    const weight = made('weight', [5], 1, ['weights']);
    expect(sectionTitle({ sentences, terms: [] }, [3, 4, 5], [neuron, activation, weight], used)).toBe('Neurons and activations');
    expect(sectionTitle({ sentences, terms: [] }, [3, 4, 5], [neuron, activation, weight], used)).toBe('Neurons and weights');
    expect(sectionTitle({ sentences, terms: [] }, [3, 4, 5], [neuron], used)).toBe('The neuron');
    expect(sectionTitle({ sentences, terms: [] }, [3, 4, 5], [neuron], used)).toBe('Part 4');
    expect(sectionTitle({ sentences, terms: [] }, [3], [], new Set(['a', 'b']))).toBe('Part 3');
    expect(sectionTitle({ sentences, terms: [] }, [0, 1, 2], [transformation], new Set(['rigid linear transformation']))).toBe('Linear transformation');
    expect(sectionTitle({ sentences, terms: [] }, [0], [transformation], new Set(['linear transformation']))).toBe('The transformation');
  });

  it('is a noun phrase, never a subject and its verb that the tagger took for a compound', () => {
    const said = lines(
      'The gradient encodes the relative importance of each weight.',
      'As the determinant approaches zero, the area shrinks.',
      'The input space decreases in size.',
      'The basis vectors span the plane, and the basis vectors are independent.',
    );
    const gradient = made('gradient', [0], 1, ['gradient']);
    const determinant = made('determinant', [1], 1, ['determinant']);
    const basis = made('basis', [3], 1, ['basis']);
    expect(sectionTitle({ sentences: said, terms: [] }, [0], [gradient], new Set())).toBe('The gradient');
    expect(sectionTitle({ sentences: said, terms: [] }, [1], [determinant], new Set())).toBe('The determinant');
    // A compound said twice is a name: "basis vectors".
    expect(sectionTitle({ sentences: said, terms: [] }, [3], [basis], new Set())).toBe('Basis vectors');
  });

  it('takes an "of" phrase when it names another of the section’s terms', () => {
    const said = lines(
      'The area of a circle is pi r squared.',
      'We cut the circle into rings, and the area of each ring is small.',
      'The area of the thing is big.',
    );
    const area = made('area', [0, 1, 2], 3);
    const circle = made('circle', [0, 1], 2);
    expect(sectionTitle({ sentences: said, terms: [] }, [0, 1, 2], [area, circle], new Set())).toBe('The area of a circle');
    expect(sectionTitle({ sentences: said, terms: [] }, [2], [area], new Set())).toBe('The area');
  });
});

describe('definitions at their edges', () => {
  const defines = (key: string, text: string, forms = [key]) => definingSentence(made(key, [0], 1, forms), [sentence(text)]) === 0;

  it('finds a name whatever its case', () => {
    expect(defines('relu', 'This function is known as ReLU.')).toBe(true);
    expect(defines('relu', 'We call it ReLU.')).toBe(true);
    expect(defines('vector', 'Vectors are just arrows in space.', ['vector', 'vectors'])).toBe(true);
    expect(defines('backpropagation', 'Backpropagation, which is the heart of learning, runs backwards.')).toBe(true);
  });

  it('takes a definition of up to 50 words, never a question', () => {
    expect(defines('scalar', `A number used this way here ${'and more '.repeat(20)}is called a scalar.`)).toBe(true);
    expect(defines('scalar', `A number used this way here ${'and more '.repeat(20)}too is called a scalar.`)).toBe(false);
    expect(defines('determinant', 'So the determinant is just what, exactly?')).toBe(false);
  });

  it('never defines a term by a sentence that names something else', () => {
    expect(
      defines('activation', 'The last activation is set by a weight, which I will call w of L, times the previous neuron’s activation, plus a bias.'),
    ).toBe(false);
    expect(defines('matrix', 'It is natural to call this new matrix the product of the original two matrices.', ['matrix', 'matrices'])).toBe(false);
    expect(defines('product', 'It is natural to call this new matrix the product of the original two matrices.')).toBe(true);
  });

  it('looks for definitions of the lecture’s 16 best terms only', () => {
    const sentences = lines('A number used this way is called a scalar.');
    expect(glossaryOf({ sentences, terms: [...unused(16, [0]), made('scalar', [0])] })).toEqual([]);
  });
});

const network = lecture(
  'A neuron is a unit that holds a number between zero and one.',
  'The activation is the number inside a neuron.',
  'A bias is a number added to the weighted sum before the squishing.',
  'We call a row of neurons that read the same inputs a layer.',
  'Each neuron in a layer reads every activation of the layer before.',
  'Every weight and every bias is learned from the training data.',
  'The sigmoid of the weighted sum gives the activation of the neuron.',
  'A network with more layers can learn more complex patterns from the data.',
  'Changing one weight changes the activation of the next neuron a little.',
  'A large bias makes the neuron fire even when the weighted sum is small.',
);

describe('quiz mix', () => {
  it('asks first about definitions that name a thing, at most three, then what a term not asked yet means, then lines, in lecture order', () => {
    const quiz = buildQuiz(analyse(network));
    expect(quiz.questions.map((q) => [q.kind, q.choices[q.answer], q.startMs])).toEqual([
      ['definition', 'neuron', 0],
      ['definition', 'activation', 5000],
      ['term', 'A(n) … is a number added to the weighted sum before the squishing.', 10000],
      ['definition', 'layer', 15000],
      ['cloze', 'bias', 25000],
      ['cloze', 'weighted sum', 30000],
    ]);
    const term = quiz.questions[2]!;
    expect(term.prompt).toBe('What does “bias” mean in this lecture?');
    expect(new Set(term.choices).size).toBe(4);
    expect(term.choices).toContain('A(n) … is a unit that holds a number between zero and one.');
    expect(term.explanation).toBe('The lecture says: “A bias is a number added to the weighted sum before the squishing.”');
    expect(quiz.questions[1]!.prompt).toBe('Which term does the lecture define here: “The ____ is the number inside a neuron.”');
  });

  it('asks what the lecture calls a thing in its own words, without the possessive before the name', () => {
    const quiz = buildQuiz(analyse(network));
    expect(quiz.questions[3]!.prompt).toBe('What does the lecture call a row of neurons that read the same inputs?');
    const its = buildQuiz(analyse(lecture(...network.map((s) => s.text).filter((_, i) => i !== 1), 'We call the number inside a neuron its activation.')));
    expect(its.questions.map((q) => q.prompt)).toContain('What does the lecture call the number inside a neuron?');
  });

  it('says "the" for "this" when there is no sentence before to point back to', () => {
    const quiz = buildQuiz(analyse(lecture('We call this number the activation of a neuron.', ...network.map((s) => s.text).filter((_, i) => i !== 1))));
    expect(quiz.questions[0]!.prompt).toBe('What does the lecture call the number?');
  });

  it('blanks the definition instead when the sentence before is too long or names the answer', () => {
    const withBefore = (before: string) =>
      buildQuiz(analyse(lecture(...network.map((s) => s.text).filter((_, i) => i !== 1), before, 'We call that number the activation.'))).questions.find(
        (q) => q.choices[q.answer] === 'activation',
      )!;
    expect(withBefore('Each neuron holds a number.').prompt).toBe('Each neuron holds a number. What does the lecture call that number?');
    expect(withBefore('Each neuron holds a number, given by its activation.').prompt).toBe(
      'Which term does the lecture define here: “We call that number the ____.”',
    );
    expect(withBefore(`Each neuron holds a number ${'and more '.repeat(15)}here.`).prompt).toBe(
      'Which term does the lecture define here: “We call that number the ____.”',
    );
  });
});

describe('where the right answer stands', () => {
  it('moves between choices from question to question, the same on every run', () => {
    const quiz = buildQuiz(analyse(network));
    const positions = quiz.questions.map((q) => q.answer);
    // A learner who spots "the answer is always first" stops reading the choices.
    expect(new Set(positions).size).toBeGreaterThanOrEqual(3);
    expect(buildQuiz(analyse(network)).questions.map((q) => q.choices)).toEqual(quiz.questions.map((q) => q.choices));
  });
});

describe('where a term stands as a phrase of its own', () => {
  const neuron = made('neuron', [0], 1, ['neuron', 'neurons']);

  it('never where a number, an adjective, a name or a hyphen joins it to more words, or where it is said twice', () => {
    expect(standsAsPhrase(neuron, sentence('A neuron holds a number.'))).toBe(true);
    expect(standsAsPhrase(neuron, sentence('We add the neurons together.'))).toBe(true);
    expect(standsAsPhrase(neuron, sentence('We add two neurons together.'))).toBe(false);
    expect(standsAsPhrase(neuron, sentence("The neuron's output is one."))).toBe(false);
    expect(standsAsPhrase(neuron, sentence('A neuron-like unit holds a number.'))).toBe(false);
    expect(standsAsPhrase(neuron, sentence('The row-neuron holds a number.'))).toBe(false);
    expect(standsAsPhrase(neuron, sentence('A hidden neuron holds a number.'))).toBe(false);
    expect(standsAsPhrase(neuron, sentence('The MNIST neuron holds a number.'))).toBe(false);
    expect(standsAsPhrase(neuron, sentence('Every neuron holds a number and every neuron fires.'))).toBe(false);
  });
});

describe('blanks and short lectures', () => {
  it('blanks every mention of the term, and the article before each, whatever its case', () => {
    const neuron = made('neuron', [0], 1, ['neuron', 'neurons']);
    expect(blankOut('Each bias shifts a neuron, and a Neuron fires with other neurons.', neuron)).toBe(
      'Each bias shifts a(n) ____, and a(n) ____ fires with other ____.',
    );
    expect(blankOut('An activation is a number.', made('activation', [0]))).toBe('A(n) ____ is a number.');
    expect(blankOut('The weight is an activation scale.', made('activation', [0]))).toBe('The weight is a(n) ____ scale.');
  });

  it('still asks five questions about a short lecture, clozes beyond their third rather than statements that differ by a word', () => {
    const quiz = buildQuiz(analyse(vectors.slice(0, 10)));
    expect(quiz.questions.map((q) => [q.kind, q.choices[q.answer]])).toEqual([
      ['definition', 'vector'],
      ['cloze', 'vector'],
      ['cloze', 'linear combination'],
      ['cloze', 'linear combination'],
      ['cloze', 'linear combination'],
    ]);
  });
});

describe('naming questions, worded as the lecture words them', () => {
  const withNaming = (...extra: string[]) => buildQuiz(analyse(lecture(...network.map((s) => s.text).filter((_, i) => i !== 1 && i !== 3), ...extra)));
  const calledQuestion = (...extra: string[]) => withNaming(...extra).questions.find((q) => q.prompt.includes('What does the lecture call'));

  it('reads "we", "people", "mathematicians", "you" and "I" calling a thing, with "will", "often" or "usually"', () => {
    for (const who of ['We', 'People often', 'Mathematicians usually', 'You', 'I will']) {
      const q = calledQuestion('The activation is the number inside a neuron.', `${who} call a row of neurons that read the same inputs a layer.`);
      expect(q?.prompt, who).toBe('What does the lecture call a row of neurons that read the same inputs?');
    }
  });

  it('uses a sentence before of up to 35 words as context, and never offers a term it names as a distractor', () => {
    const before = `Each neuron holds a number ${'and more '.repeat(14)}here.`;
    const q = withNaming('A layer is a row of neurons.', before, 'We call that number the activation.').questions.find(
      (x) => x.choices[x.answer] === 'activation',
    )!;
    expect(q.prompt).toBe(`${before} What does the lecture call that number?`);
    const named = withNaming(
      'A layer is a row of neurons.',
      'Each neuron holds a number after its bias.',
      'We call that number the activation.',
    ).questions.find((x) => x.choices[x.answer] === 'activation')!;
    expect(named.prompt.startsWith('Each neuron holds a number after its bias.')).toBe(true);
    expect(named.choices).not.toContain('bias');
  });

  it('explains concept questions and clozes with the line they come from', () => {
    const quiz = buildQuiz(analyse(vectors));
    const concept = quiz.questions.find((q) => q.kind === 'concept')!;
    expect(concept.explanation).toBe('The lecture says: “The span of two vectors is the set of every linear combination of them.”');
    const cloze = quiz.questions.find((q) => q.kind === 'cloze')!;
    expect(cloze.explanation).toBe('The lecture says: “A linear combination adds scaled vectors together.”');
  });
});

describe('cause and effect', () => {
  const found = (text: string) => causeAndEffect(sentence(text));

  it('reads a condition, a "because", a "so" and a "leads to" the lecture states', () => {
    expect(found('If you add more nitrogen, the equilibrium shifts to the right.')).toEqual({
      cause: 'you add more nitrogen',
      effect: 'the equilibrium shifts to the right',
      form: 'when',
    });
    expect(found('Darker beetles leave more offspring because they survive longer.')).toEqual({
      cause: 'they survive longer',
      effect: 'Darker beetles leave more offspring',
      form: 'because',
    });
    expect(found('Unsold stock piles up, so sellers cut their prices.')).toEqual({
      cause: 'Unsold stock piles up',
      effect: 'sellers cut their prices',
      form: 'so',
    });
    expect(found('Cheap printed pamphlets lead to higher literacy in towns.')).toEqual({
      cause: 'Cheap printed pamphlets',
      effect: 'higher literacy in towns',
      form: 'leads',
    });
  });

  it('leaves out a side of more than one clause, a relative clause, a question and a plain statement', () => {
    expect(found('If K is large, much bigger than one, the equilibrium lies to the right.')).toBeNull();
    expect(found('If you remove ammonia, which is what they do, it shifts right.')).toBeNull();
    expect(found('What happens if the price is above equilibrium?')).toBeNull();
    expect(found('The demand curve slopes downward.')).toBeNull();
  });

  it('asks what happens, the stated effect among the effects of the lecture’s other causes, none a variant of it', () => {
    const quiz = buildQuiz(
      analyse(
        lecture(
          'Supply is the relationship between the price and the quantity sold.',
          'Demand is the relationship between the price and the quantity bought.',
          'If the price is above equilibrium, sellers have a surplus of stock.',
          'If the price is below equilibrium, buyers face a shortage of goods.',
          'If consumer tastes change, the demand curve shifts to the right.',
          'If a drought hits the harvest, the supply curve shifts to the left.',
          'A surplus pushes the price down toward equilibrium.',
          'A shortage pushes the price up toward equilibrium.',
          'The equilibrium price is where the quantity demanded equals the quantity supplied.',
          'Elasticity measures how much the quantity responds to the price.',
          'If the government adds a tax, buyers pay a higher price.',
        ),
      ),
    );
    const q = quiz.questions.find((x) => x.prompt === 'According to the lecture, what happens if consumer tastes change?')!;
    expect(quiz.questions.map((x) => x.prompt)).toContain('According to the lecture, what happens if consumer tastes change?');
    expect(q.kind).toBe('concept');
    expect(q.choices[q.answer]).toBe('the demand curve shifts to the right');
    expect(q.choices).toEqual(expect.arrayContaining(['sellers have a surplus of stock', 'buyers face a shortage of goods']));
    // "the supply curve shifts to the left" is two words from the answer: never a choice beside it.
    expect(q.choices).not.toContain('the supply curve shifts to the left');
    expect(q.explanation).toBe('The lecture says: “If consumer tastes change, the demand curve shifts to the right.”');
  });
});
