/** Fetches the review decks of courses (static JSON, one per course) once per page; a missing deck counts as empty. */
import { reviewDeckUrl, unpackReviewDeck, type PackedReviewDeck, type ReviewDeck } from '../../browser/review-deck.ts';

const decks = new Map<string, Promise<ReviewDeck | undefined>>();

/** A course's deck, or undefined when it cannot be loaded (offline and not saved, removed course). */
export function loadDeck(courseSlug: string): Promise<ReviewDeck | undefined> {
  let deck = decks.get(courseSlug);
  if (!deck) {
    deck = fetch(reviewDeckUrl(courseSlug))
      .then(async (response) => (response.ok ? unpackReviewDeck((await response.json()) as PackedReviewDeck) : undefined))
      .catch(() => undefined);
    decks.set(courseSlug, deck);
  }
  return deck;
}
