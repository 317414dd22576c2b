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

/** A card as the deck file holds it: what its item already says (key, page, title) is not repeated. */
export interface PackedCard {
  id: string;
  kind: ReviewCard['kind'];
  front: string;
  back: string;
  detail?: string | undefined;
  /** The moment (whole seconds) the card's page opens at; absent for the page itself. */
  t?: number | undefined;
}

/**
 * The deck file as served (`/review/<course>.json`): cards grouped under their item, so the item's
 * key, page and title are written once and not on each of its cards (a third of the file).
 */
export interface PackedReviewDeck {
  course: string;
  name: string;
  href: string;
  items: Array<{ key: string; href: string; source: string; cards: PackedCard[] }>;
}

/** The deck as the file stores it; `unpackReviewDeck` gives back exactly `deck` (cards in the same order). */
export function packReviewDeck(deck: ReviewDeck): PackedReviewDeck {
  const items: PackedReviewDeck['items'] = [];
  for (const card of deck.cards) {
    const [page = card.href, query] = card.href.split('?t=');
    let item = items.at(-1);
    if (!item || item.key !== card.itemKey || item.href !== page || item.source !== card.source) {
      item = { key: card.itemKey, href: page, source: card.source, cards: [] };
      items.push(item);
    }
    item.cards.push({
      id: card.id,
      kind: card.kind,
      front: card.front,
      back: card.back,
      ...(card.detail !== undefined ? { detail: card.detail } : {}),
      ...(query !== undefined ? { t: Number(query) } : {}),
    });
  }
  return { course: deck.course, name: deck.name, href: deck.href, items };
}

/** The cards of a deck file, each with its item's key, page (at its moment) and title. */
export function unpackReviewDeck(file: PackedReviewDeck): ReviewDeck {
  return {
    course: file.course,
    name: file.name,
    href: file.href,
    cards: file.items.flatMap((item) =>
      item.cards.map(({ t, detail, ...card }) => ({
        ...card,
        itemKey: item.key,
        ...(detail !== undefined ? { detail } : {}),
        href: t === undefined ? item.href : `${item.href}?t=${t}`,
        source: item.source,
      })),
    ),
  };
}
