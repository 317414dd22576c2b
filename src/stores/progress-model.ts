/**
 * Learner progress as pure data → data functions (marking items, counting a
 * course and the overall totals). The stores in progress.ts apply them; tests
 * call them directly.
 */
import { emptyProgress, type ItemProgress, type LearnerMark, type ProgressState, type ReviewCardState } from './progress-schema.ts';

/** A video counts as watched at 90 % of its duration. */
export const VIDEO_COMPLETE_RATIO = 0.9;
/** The pass mark a quiz uses when it does not set one. */
export const DEFAULT_PASS_MARK = 70;

export interface CourseProgress {
  completed: number;
  total: number;
  percentage: number;
}

export interface OverallProgress extends CourseProgress {
  coursesStarted: number;
  coursesCompleted: number;
}

/** What the server knows about an item, for navigation. */
export interface ItemRef {
  key: string;
  href: string;
  title: string;
}

function withItem(state: ProgressState, key: string, change: (item: ItemProgress) => ItemProgress): ProgressState {
  const before = state.items[key] ?? { completed: false };
  return { ...state, items: { ...state.items, [key]: change(before) } };
}

function setCompleted(item: ItemProgress, complete: boolean, now: number): ItemProgress {
  if (item.completed === complete) return item;
  const { completedAt: _dropped, ...rest } = item;
  return complete ? { ...rest, completed: true, completedAt: now, changedAt: now } : { ...rest, completed: false, changedAt: now };
}

/** Marks an item complete or not complete. */
export function markCompleted(state: ProgressState, key: string, complete: boolean, now: number): ProgressState {
  return withItem(state, key, (item) => setCompleted(item, complete, now));
}

/** Completes an item read to the end, unless the learner already set its state by hand. */
export function markReadToEnd(state: ProgressState, key: string, now: number): ProgressState {
  const item = state.items[key];
  if (item?.completed || item?.changedAt !== undefined) return state;
  return markCompleted(state, key, true, now);
}

/** Remembers the item a learner opened, per course, for "continue where you left off". */
export function recordVisit(state: ProgressState, courseSlug: string, key: string, now: number): ProgressState {
  const next = withItem(state, key, (item) => ({ ...item, visitedAt: now }));
  return { ...next, courses: { ...next.courses, [courseSlug]: { lastItemKey: key, lastVisitedAt: now } } };
}

/** Keeps the attempt count and best score; a score at or above the pass mark completes the item. */
export function applyQuizAttempt(state: ProgressState, key: string, scorePercent: number, passMark: number, now: number): ProgressState {
  if (!Number.isFinite(scorePercent)) return state;
  const score = Math.min(100, Math.max(0, scorePercent));
  const mark = Number.isFinite(passMark) ? passMark : DEFAULT_PASS_MARK;
  const passed = score >= mark;
  return withItem(state, key, (item) => {
    const quiz = item.quiz;
    const next: ItemProgress = {
      ...item,
      quiz: {
        attempts: (quiz?.attempts ?? 0) + 1,
        bestScore: Math.max(quiz?.bestScore ?? 0, score),
        lastScore: score,
        ...(quiz?.passedAt !== undefined || passed ? { passedAt: quiz?.passedAt ?? now } : {}),
      },
    };
    return passed ? setCompleted(next, true, now) : next;
  });
}

/**
 * Adds seconds actually played (a delta since the last report, so seeking
 * ahead adds nothing); at 90 % of the duration the item completes.
 */
export function applyVideoWatch(state: ProgressState, key: string, watchedSeconds: number, durationSeconds: number, now: number): ProgressState {
  if (!(watchedSeconds > 0) || !Number.isFinite(watchedSeconds)) return state;
  return withItem(state, key, (item) => {
    const duration = durationSeconds > 0 && Number.isFinite(durationSeconds) ? durationSeconds : (item.video?.durationSeconds ?? 0);
    const total = (item.video?.watchedSeconds ?? 0) + watchedSeconds;
    const watched = duration > 0 ? Math.min(duration, total) : total;
    const next: ItemProgress = { ...item, video: { watchedSeconds: watched, durationSeconds: duration } };
    return duration > 0 && watched >= duration * VIDEO_COMPLETE_RATIO ? setCompleted(next, true, now) : next;
  });
}

/**
 * A course's progress counted over the item keys the current build has:
 * records of removed items are ignored,
 * new items count as not done.
 */
export function courseProgressOf(state: ProgressState, itemKeys: readonly string[]): CourseProgress {
  const keys = new Set(itemKeys);
  let completed = 0;
  for (const key of keys) if (state.items[key]?.completed) completed++;
  const total = keys.size;
  return { completed, total, percentage: total === 0 ? 0 : Math.round((completed / total) * 100) };
}

/** True once the learner opened or completed anything in the course. */
export function isStarted(state: ProgressState, courseSlug: string, itemKeys: readonly string[]): boolean {
  return state.courses[courseSlug]?.lastVisitedAt !== undefined || itemKeys.some((key) => state.items[key] !== undefined);
}

/** The latest time anything happened in a course, or undefined if never. */
export function lastActivity(state: ProgressState, courseSlug: string, itemKeys: readonly string[]): number | undefined {
  let latest = state.courses[courseSlug]?.lastVisitedAt;
  for (const key of itemKeys) {
    const item = state.items[key];
    for (const t of [item?.changedAt, item?.visitedAt, item?.completedAt]) if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}

/**
 * Totals over the courses the learner started: a course never
 * opened does not dilute the percentage; coursesCompleted counts those with every item done.
 */
export function overallProgressOf(state: ProgressState, courses: readonly { slug: string; itemKeys: readonly string[] }[]): OverallProgress {
  let completed = 0;
  let total = 0;
  let coursesStarted = 0;
  let coursesCompleted = 0;
  for (const course of courses) {
    if (!isStarted(state, course.slug, course.itemKeys)) continue;
    const progress = courseProgressOf(state, course.itemKeys);
    completed += progress.completed;
    total += progress.total;
    coursesStarted++;
    if (progress.total > 0 && progress.completed === progress.total) coursesCompleted++;
  }
  return { completed, total, percentage: total === 0 ? 0 : Math.round((completed / total) * 100), coursesStarted, coursesCompleted };
}

/** A quiz's record as a learner reads it: best score, attempts, passed. */
export interface QuizScore {
  attempts: number;
  bestScore: number;
  lastScore: number;
  passed: boolean;
}

/** The learner's score on a quiz item, or undefined before the first attempt. */
export function quizScoreOf(state: ProgressState, key: string): QuizScore | undefined {
  const quiz = state.items[key]?.quiz;
  if (!quiz || quiz.attempts === 0) return undefined;
  return { attempts: quiz.attempts, bestScore: quiz.bestScore, lastScore: quiz.lastScore, passed: quiz.passedAt !== undefined };
}

export type ContinueTarget = { kind: 'start' | 'continue' | 'review'; item: ItemRef };

/**
 * Where "continue" leads: the last visited item if it is unfinished, else the
 * next unfinished one after it (wrapping), else the first item to review.
 */
export function continueTarget(state: ProgressState, courseSlug: string, items: readonly ItemRef[]): ContinueTarget | undefined {
  const first = items[0];
  if (!first) return undefined;
  const keys = items.map((i) => i.key);
  if (!isStarted(state, courseSlug, keys)) return { kind: 'start', item: first };
  const lastIndex = Math.max(0, keys.indexOf(state.courses[courseSlug]?.lastItemKey ?? ''));
  for (let step = 0; step < items.length; step++) {
    const item = items[(lastIndex + step) % items.length]!;
    if (!state.items[item.key]?.completed) return { kind: 'continue', item };
  }
  return { kind: 'review', item: first };
}

function latestChange(item: ItemProgress): number {
  return item.changedAt ?? item.completedAt ?? -1;
}

function newer(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** Joins two items' records: the later completion change wins; quiz and video counts keep the best of both. */
function mergeItem(a: ItemProgress, b: ItemProgress): ItemProgress {
  const [base, other] = latestChange(b) > latestChange(a) ? [b, a] : [a, b];
  const merged: ItemProgress = { ...base };
  if (!merged.quiz && other.quiz) merged.quiz = other.quiz;
  if (!merged.video && other.video) merged.video = other.video;
  const visitedAt = newer(a.visitedAt, b.visitedAt);
  if (visitedAt !== undefined) merged.visitedAt = visitedAt;
  if (a.quiz && b.quiz) {
    const passedAt =
      a.quiz.passedAt === undefined ? b.quiz.passedAt : b.quiz.passedAt === undefined ? a.quiz.passedAt : Math.min(a.quiz.passedAt, b.quiz.passedAt);
    merged.quiz = {
      attempts: Math.max(a.quiz.attempts, b.quiz.attempts),
      bestScore: Math.max(a.quiz.bestScore, b.quiz.bestScore),
      lastScore: base.quiz?.lastScore ?? other.quiz!.lastScore,
      ...(passedAt !== undefined ? { passedAt } : {}),
    };
  }
  if (a.video && b.video) {
    merged.video = {
      watchedSeconds: Math.max(a.video.watchedSeconds, b.video.watchedSeconds),
      durationSeconds: Math.max(a.video.durationSeconds, b.video.durationSeconds),
    };
  }
  return merged;
}

/** The later-reviewed state of one card wins; on a tie, the one with more reviews. */
function newerReview(a: ReviewCardState, b: ReviewCardState): ReviewCardState {
  const at = a.lastReview ?? -1;
  const bt = b.lastReview ?? -1;
  if (bt !== at) return bt > at ? b : a;
  return b.reps > a.reps ? b : a;
}

/**
 * Merges imported progress into the current one, item by item: the latest completion change wins,
 * quiz scores and watched time keep the best, each review card keeps its newest state, and
 * learner notes and bookmarks from both are kept.
 */
export function mergeProgress(current: ProgressState, incoming: ProgressState): ProgressState {
  const merged = emptyProgress();
  merged.items = { ...current.items };
  for (const [key, item] of Object.entries(incoming.items)) {
    const mine = merged.items[key];
    merged.items[key] = mine ? mergeItem(mine, item) : item;
  }
  merged.courses = { ...current.courses };
  for (const [slug, course] of Object.entries(incoming.courses)) {
    const mine = merged.courses[slug];
    merged.courses[slug] = !mine || (course.lastVisitedAt ?? -1) > (mine.lastVisitedAt ?? -1) ? course : mine;
  }
  merged.reviews = { ...current.reviews };
  for (const [id, review] of Object.entries(incoming.reviews)) {
    const mine = merged.reviews[id];
    merged.reviews[id] = mine ? newerReview(mine, review) : review;
  }
  merged.marks = { ...incoming.marks, ...current.marks };
  return merged;
}

/* ---------- review cards (the scheduling itself is in review-schedule.ts, with ts-fsrs) ---------- */

/** What the progress store needs to know about a flashcard: its id and the item that unlocks it. */
export interface CardRef {
  id: string;
  itemKey: string;
}

/** Stores a card's new memory state after the learner graded it. */
export function recordReview(state: ProgressState, cardId: string, review: ReviewCardState): ProgressState {
  return { ...state, reviews: { ...state.reviews, [cardId]: review } };
}

/** A card is in the learner's deck once they opened (or completed) the item it comes from. */
export function isUnlocked(state: ProgressState, card: CardRef): boolean {
  const item = state.items[card.itemKey];
  return item !== undefined && (item.visitedAt !== undefined || item.completed);
}

/**
 * The cards to review now, in order: cards whose due time has passed (the longest overdue
 * first), then cards never reviewed, in deck order. Cards of unopened items are left out.
 */
export function dueCards<T extends CardRef>(state: ProgressState, cards: readonly T[], now: number): T[] {
  const overdue: { card: T; due: number }[] = [];
  const fresh: T[] = [];
  for (const card of cards) {
    if (!isUnlocked(state, card)) continue;
    const review = state.reviews[card.id];
    if (!review) fresh.push(card);
    else if (review.due <= now) overdue.push({ card, due: review.due });
  }
  overdue.sort((a, b) => a.due - b.due);
  return [...overdue.map((o) => o.card), ...fresh];
}

/** The earliest due time among unlocked cards reviewed before and not due yet, or undefined. */
export function nextDueAt(state: ProgressState, cards: readonly CardRef[], now: number): number | undefined {
  let next: number | undefined;
  for (const card of cards) {
    const review = state.reviews[card.id];
    if (review && review.due > now && isUnlocked(state, card) && (next === undefined || review.due < next)) next = review.due;
  }
  return next;
}

/* ---------- learner notes and bookmarks ---------- */

/** Adds a note or bookmark under its id; an empty note is not kept. */
export function addMark(state: ProgressState, id: string, mark: LearnerMark): ProgressState {
  const text = mark.text.trim();
  if (mark.kind === 'note' && text === '') return state;
  return { ...state, marks: { ...state.marks, [id]: { ...mark, text, seconds: Math.max(0, Math.floor(mark.seconds)) } } };
}

/** Deletes a note or bookmark. */
export function removeMark(state: ProgressState, id: string): ProgressState {
  if (!(id in state.marks)) return state;
  const { [id]: _dropped, ...marks } = state.marks;
  return { ...state, marks };
}

export type MarkEntry = LearnerMark & { id: string };

/** A video's notes and bookmarks in the order of the video; all of them when no video is given, newest first. */
export function marksOf(state: ProgressState, videoId?: string): MarkEntry[] {
  const entries = Object.entries(state.marks).map(([id, mark]) => ({ ...mark, id }));
  if (videoId === undefined) return entries.sort((a, b) => b.createdAt - a.createdAt);
  return entries.filter((m) => m.videoId === videoId).sort((a, b) => a.seconds - b.seconds || a.createdAt - b.createdAt);
}

/** The link back to a mark's moment: its page at that second. */
export function markHref(mark: LearnerMark): string {
  return `${mark.href}?t=${mark.seconds}`;
}
