/** The shape of a course's review deck file (`/review/<course>.json`), shared by the build and the browser. */

export interface ReviewCard {
  /** Stable across builds: the review state in progress is keyed by it. */
  id: string;
  /** The course item whose opening puts the card in the learner's deck. */
  itemKey: string;
  /** A glossary term with its definition, a key term with the sentence using it, or a quiz question with its answer. */
  kind: 'term' | 'keyterm' | 'question';
  front: string;
  back: string;
  /** An explanation shown under the answer. */
  detail?: string | undefined;
  /** The moment in the video (or the quiz page) the card comes from. */
  href: string;
  /** The item's title, shown on the card. */
  source: string;
}

export interface ReviewDeck {
  course: string;
  name: string;
  href: string;
  cards: ReviewCard[];
}

/** Where a course's deck is served. */
export function reviewDeckUrl(courseSlug: string): string {
  return `/review/${courseSlug}.json`;
}
