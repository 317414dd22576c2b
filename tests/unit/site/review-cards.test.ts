import { describe, expect, it } from 'vitest';
import { reviewCardsOf, reviewDeckOf } from '../../../src/site/review-cards.ts';
import { packReviewDeck, unpackReviewDeck } from '../../../src/browser/review-deck.ts';
import type { CourseWithStructure } from '../../../src/site/catalog.ts';
import type { VideoResult } from '../../../src/lib/schema.ts';
import { readVideoResult } from '../../../src/lib/generated-files.ts';

// The committed offline notes and quiz of the sample lecture (3Blue1Brown, "But what is a neural network?").
const read = readVideoResult('aircAruvnKk');
if (!read.ok) throw new Error(read.error);
const sample = read.value;

function courseWith(result: VideoResult): CourseWithStructure {
  const lecture = { key: 'nn/01/01-lecture', href: '/courses/nn/01/01-lecture/', title: 'Lecture', type: 'video', video: { id: 'aircAruvnKk', result } };
  const quiz = {
    key: 'nn/01/03-check',
    href: '/courses/nn/01/03-check/',
    title: 'Check',
    type: 'quiz',
    entry: {
      data: {
        type: 'quiz',
        questions: [
          { prompt: 'What does a first-layer neuron hold?', choices: ['A weight', "A pixel's brightness"], answer: 1, explanation: 'One pixel each.' },
        ],
      },
    },
  };
  return { slug: 'nn', href: '/courses/nn/', data: { name: 'NN' }, items: [lecture, quiz] } as unknown as CourseWithStructure;
}

describe('review cards of a course', () => {
  it('turns key terms into cards answered by the notes sentence that uses them, linked to their section', () => {
    const cards = reviewCardsOf(courseWith({ ...sample, notes: { ...sample.notes, glossary: [] } }));
    const activation = cards.find((c) => c.id === 'aircAruvnKk:term:activation');
    expect(activation).toEqual({
      id: 'aircAruvnKk:term:activation',
      itemKey: 'nn/01/01-lecture',
      kind: 'keyterm',
      front: 'activation',
      back: "We call that number the neuron's activation.",
      href: '/courses/nn/01/01-lecture/?t=121',
      source: 'Lecture',
    });
  });

  it('prefers the glossary definition over a key term and keeps ids stable across builds', () => {
    const withGlossary = {
      ...sample,
      notes: { ...sample.notes, glossary: [{ term: 'Activation', definition: 'The number a neuron holds, between 0 and 1.', startMs: 101_500 }] },
    };
    const cards = reviewCardsOf(courseWith(withGlossary));
    expect(cards.filter((c) => c.id === 'aircAruvnKk:term:activation')).toEqual([
      expect.objectContaining({
        kind: 'term',
        front: 'Activation',
        back: 'The number a neuron holds, between 0 and 1.',
        href: '/courses/nn/01/01-lecture/?t=101',
      }),
    ]);
    expect(reviewCardsOf(courseWith(sample)).map((c) => c.id)).toEqual(reviewCardsOf(courseWith(sample)).map((c) => c.id));
  });

  it('asks every video and authored quiz question with its right answer', () => {
    const cards = reviewCardsOf(courseWith(sample)).filter((c) => c.kind === 'question');
    expect(cards).toHaveLength(sample.quiz.questions.length + 1);
    const first = sample.quiz.questions[0]!;
    expect(cards[0]).toMatchObject({
      front: first.prompt,
      back: first.choices[first.answer],
      href: `/courses/nn/01/01-lecture/?t=${Math.floor(first.startMs / 1000)}`,
    });
    // Statement questions share one prompt; each is still its own card.
    expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
    expect(cards.at(-1)).toMatchObject({
      itemKey: 'nn/01/03-check',
      front: 'What does a first-layer neuron hold?',
      back: "A pixel's brightness",
      detail: 'One pixel each.',
      href: '/courses/nn/01/03-check/',
    });
  });

  it('serves the deck packed by item and gives the browser back every card exactly', () => {
    const deck = reviewDeckOf(courseWith(sample));
    const packed = packReviewDeck(deck);
    // Through JSON, as the file travels: the learner's deck is the built deck, card for card.
    expect(unpackReviewDeck(JSON.parse(JSON.stringify(packed)))).toEqual(deck);
    expect(packed.items.map((i) => i.key)).toEqual(['nn/01/01-lecture', 'nn/01/03-check']);
    expect(packed.items[1]!.cards[0]).not.toHaveProperty('t');
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(deck).length * 0.8);
  });
});
