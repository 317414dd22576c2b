/**
 * Flashcards for the Review page, built at build time from a course: each lecture's glossary
 * and key terms, each video quiz question and each authored quiz question. Card ids are
 * stable across builds (video id + term, item key + question text and its answer: statement questions share one prompt), so a regenerated quiz
 * keeps the review state of the questions it still asks.
 */
import { sha256 } from '../lib/hash.ts';
import type { CourseWithStructure } from './catalog.ts';
import type { ReviewCard, ReviewDeck } from '../browser/review-deck.ts';

function shortHash(text: string): string {
  return sha256(text, 'base64url').slice(0, 10);
}

/** The first sentence of Markdown text that uses the term as a word, without list markers or emphasis. */
export function sentenceWith(markdown: string, term: string): string | undefined {
  const plain = markdown.replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '').replace(/[*_`]/g, '');
  const word = new RegExp(`\\b${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
  return plain
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .find((s) => word.test(s));
}

const atMoment = (href: string, ms: number) => `${href}?t=${Math.floor(ms / 1000)}`;

/** Every card of one course, in syllabus order; items without generated material add none. */
export function reviewCardsOf(course: CourseWithStructure): ReviewCard[] {
  const cards: ReviewCard[] = [];
  const seen = new Set<string>();
  const add = (card: ReviewCard) => {
    if (seen.has(card.id)) return;
    seen.add(card.id);
    cards.push(card);
  };
  for (const item of course.items) {
    const source = item.title;
    const result = item.video?.result;
    if (item.video && result) {
      const videoId = item.video.id;
      const defined = new Set<string>();
      for (const entry of result.notes.glossary) {
        defined.add(entry.term.toLowerCase());
        add({
          id: `${videoId}:term:${entry.term.toLowerCase()}`,
          itemKey: item.key,
          kind: 'term',
          front: entry.term,
          back: entry.definition,
          href: atMoment(item.href, entry.startMs),
          source,
        });
      }
      // Key terms without a glossary entry: the section's sentence that uses the term is the answer.
      for (const section of result.notes.sections) {
        for (const term of section.keyTerms) {
          const sentence = sentenceWith(section.body, term);
          if (defined.has(term.toLowerCase()) || !sentence) continue;
          defined.add(term.toLowerCase());
          add({
            id: `${videoId}:term:${term.toLowerCase()}`,
            itemKey: item.key,
            kind: 'keyterm',
            front: term,
            back: sentence,
            href: atMoment(item.href, section.startMs),
            source,
          });
        }
      }
      for (const q of result.quiz.questions) {
        add({
          id: `${videoId}:q:${shortHash(`${q.prompt}\n${q.choices[q.answer]}`)}`,
          itemKey: item.key,
          kind: 'question',
          front: q.prompt,
          back: q.choices[q.answer]!,
          detail: q.explanation || undefined,
          href: atMoment(item.href, q.startMs),
          source,
        });
      }
    }
    const data = item.entry?.data;
    if (data?.type === 'quiz') {
      for (const q of data.questions) {
        add({
          id: `${item.key}:q:${shortHash(`${q.prompt}\n${q.choices[q.answer]}`)}`,
          itemKey: item.key,
          kind: 'question',
          front: q.prompt,
          back: q.choices[q.answer]!,
          detail: q.explanation || undefined,
          href: item.href,
          source,
        });
      }
    }
  }
  return cards;
}

/** The deck file of a course (`/review/<course>.json`). */
export function reviewDeckOf(course: CourseWithStructure): ReviewDeck {
  return { course: course.slug, name: course.data.name, href: course.href, cards: reviewCardsOf(course) };
}
