/**
 * Spaced-repetition scheduling of review cards with FSRS (ts-fsrs): a grade turns a card's
 * stored memory state into the next one. Kept apart from progress-model.ts so only the
 * review page ships the scheduler.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { ReviewCardState } from './progress-schema.ts';

export const GRADES = ['again', 'hard', 'good', 'easy'] as const;
export type GradeName = (typeof GRADES)[number];

const ratingOf: Record<GradeName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

// Default FSRS-6 parameters, no fuzz: the same grades give the same schedule on every device.
const scheduler = fsrs({ enable_fuzz: false });

function toCard(stored: ReviewCardState | undefined, now: number): Card {
  if (!stored) return createEmptyCard(new Date(now));
  return {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: 0,
    scheduled_days: stored.scheduledDays,
    learning_steps: stored.learningSteps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state as State,
    ...(stored.lastReview !== undefined ? { last_review: new Date(stored.lastReview) } : {}),
  };
}

function fromCard(card: Card): ReviewCardState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review ? { lastReview: card.last_review.getTime() } : {}),
  };
}

/** The card's next state after the learner graded it at `now` (epoch ms); a card never seen starts new. */
export function gradeCard(stored: ReviewCardState | undefined, grade: GradeName, now: number): ReviewCardState {
  return fromCard(scheduler.next(toCard(stored, now), new Date(now), ratingOf[grade]).card);
}

/** How long until the card comes back for each grade, in ms, for the buttons' labels. */
export function intervalsFor(stored: ReviewCardState | undefined, now: number): Record<GradeName, number> {
  const preview = scheduler.repeat(toCard(stored, now), new Date(now));
  return {
    again: preview[Rating.Again].card.due.getTime() - now,
    hard: preview[Rating.Hard].card.due.getTime() - now,
    good: preview[Rating.Good].card.due.getTime() - now,
    easy: preview[Rating.Easy].card.due.getTime() - now,
  };
}

/** "1 min", "10 min", "5 h", "3 d", "2 mo": an interval as a button label. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days} d`;
  const months = Math.round(days / 30);
  return months < 12 ? `${months} mo` : `${Math.round(days / 365)} y`;
}
