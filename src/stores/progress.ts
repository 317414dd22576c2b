/**
 * Learner progress in the browser: one nanostores atom
 * persisted in localStorage under one versioned key, the actions quiz, video
 * and item pages call, and computed stores the progress islands render.
 * Other tabs' changes arrive through storage events (@nanostores/persistent).
 */
import { atom, computed, type ReadableAtom } from 'nanostores';
import { persistentAtom, setPersistentEngine, windowPersistentEvents } from '@nanostores/persistent';
import { decodeProgressText, emptyProgress, type DecodeResult, type LearnerMark, type ProgressState, type ReviewCardState } from './progress-schema.ts';
import {
  addMark,
  applyQuizAttempt,
  applyVideoWatch,
  courseProgressOf,
  markCompleted,
  marksOf,
  markReadToEnd,
  mergeProgress,
  overallProgressOf,
  quizScoreOf,
  recordReview,
  recordVisit,
  removeMark,
  type CourseProgress,
  type MarkEntry,
  type OverallProgress,
  type QuizScore,
} from './progress-model.ts';
import { createSafeStorage, type StorageProblem } from './safe-storage.ts';

export type { CourseProgress, MarkEntry, OverallProgress, QuizScore } from './progress-model.ts';

/** The one localStorage key; the value carries its own `version`. */
export const PROGRESS_KEY = 'learnspace:progress';

export type NoticeKind = StorageProblem | 'corrupt';

/** Problems the learner should know about, by kind; the notice island shows them. */
export const $progressNotices = atom<Partial<Record<NoticeKind, string>>>({});

const noticeText: Record<StorageProblem, string> = {
  unavailable: 'This browser does not let Learnspace save data, so your progress will not be kept after you leave this page.',
  full: "This browser's storage is full, so your latest progress will not be kept after you leave this page.",
};

function notify(kind: NoticeKind, message: string): void {
  if ($progressNotices.get()[kind] !== message) $progressNotices.set({ ...$progressNotices.get(), [kind]: message });
}

/** Hides a notice the learner dismissed. */
export function dismissNotice(kind: NoticeKind): void {
  const { [kind]: _dropped, ...rest } = $progressNotices.get();
  $progressNotices.set(rest);
}

if (typeof window !== 'undefined') {
  setPersistentEngine(
    createSafeStorage(
      () => window.localStorage,
      (problem) => notify(problem, noticeText[problem]),
    ),
    windowPersistentEvents,
  );
}

function decodeStored(text: string): ProgressState {
  const result = decodeProgressText(text);
  if (result.ok) return result.state;
  notify('corrupt', `Progress saved in this browser could not be read (${result.reason}), so it was discarded.`);
  return emptyProgress();
}

/** Everything the learner did, as stored. */
export const $progress = persistentAtom<ProgressState>(PROGRESS_KEY, emptyProgress(), {
  encode: JSON.stringify,
  decode: decodeStored,
});

// Stay subscribed in the browser, so actions always start from the latest value of every tab.
if (typeof window !== 'undefined') $progress.listen(() => {});

function update(change: (state: ProgressState) => ProgressState): void {
  $progress.set(change($progress.get()));
}

/** Records that a learner opened an item, for "continue where you left off". */
export function visitItem(courseSlug: string, itemKey: string): void {
  update((state) => recordVisit(state, courseSlug, itemKey, Date.now()));
}

/** Marks an item complete or not. */
export function setItemComplete(_courseSlug: string, itemKey: string, complete: boolean): void {
  update((state) => markCompleted(state, itemKey, complete, Date.now()));
}

/** Completes a text item whose end the learner reached, unless they set its state by hand before. */
export function completeOnRead(_courseSlug: string, itemKey: string): void {
  update((state) => markReadToEnd(state, itemKey, Date.now()));
}

/** Records a quiz attempt (attempts and best score kept); completes the item when the score reaches the pass mark (percent). */
export function recordQuizAttempt(_courseSlug: string, itemKey: string, scorePercent: number, passMark: number): void {
  update((state) => applyQuizAttempt(state, itemKey, scorePercent, passMark, Date.now()));
}

/**
 * Records seconds actually watched since the previous call (a delta; seeking
 * adds nothing); completes the item once 90 % of the duration was watched.
 */
export function recordVideoWatch(_courseSlug: string, itemKey: string, watchedSeconds: number, durationSeconds: number): void {
  update((state) => applyVideoWatch(state, itemKey, watchedSeconds, durationSeconds, Date.now()));
}

/** Stores a review card's new memory state (computed by the review page's scheduler). */
export function saveReview(cardId: string, review: ReviewCardState): void {
  update((state) => recordReview(state, cardId, review));
}

/** Keeps a note or bookmark at a moment of a video; returns its id. */
export function addVideoMark(mark: Omit<LearnerMark, 'createdAt'>): string {
  const id = `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  update((state) => addMark(state, id, { ...mark, createdAt: Date.now() }));
  return id;
}

/** Deletes a note or bookmark. */
export function deleteMark(id: string): void {
  update((state) => removeMark(state, id));
}

const markStores = new Map<string, ReadableAtom<MarkEntry[]>>();
/** One video's notes and bookmarks in video order; every one (newest first) for the empty id. */
export function videoMarks(videoId: string): ReadableAtom<MarkEntry[]> {
  let store = markStores.get(videoId);
  if (!store) {
    store = computed($progress, (state) => marksOf(state, videoId === '' ? undefined : videoId));
    markStores.set(videoId, store);
  }
  return store;
}

const courseStores = new Map<string, ReadableAtom<CourseProgress>>();
/** {completed, total, percentage} over the given item keys (the course's current items). */
export function courseProgress(itemKeys: readonly string[]): ReadableAtom<CourseProgress> {
  const id = itemKeys.join('\n');
  let store = courseStores.get(id);
  if (!store) {
    store = computed($progress, (state) => courseProgressOf(state, itemKeys));
    courseStores.set(id, store);
  }
  return store;
}

const itemStores = new Map<string, ReadableAtom<boolean>>();
/** Whether one item is complete; changes only when that item does. */
export function itemCompleted(itemKey: string): ReadableAtom<boolean> {
  let store = itemStores.get(itemKey);
  if (!store) {
    store = computed($progress, (state) => state.items[itemKey]?.completed ?? false);
    itemStores.set(itemKey, store);
  }
  return store;
}

const quizStores = new Map<string, ReadableAtom<QuizScore | undefined>>();
/** A quiz item's best score, attempts and passed; undefined before the first attempt. */
export function quizScore(itemKey: string): ReadableAtom<QuizScore | undefined> {
  let store = quizStores.get(itemKey);
  if (!store) {
    store = computed($progress, (state) => quizScoreOf(state, itemKey));
    quizStores.set(itemKey, store);
  }
  return store;
}

/** Totals over the given courses. */
export function overallProgress(courses: readonly { slug: string; itemKeys: readonly string[] }[]): ReadableAtom<OverallProgress> {
  return computed($progress, (state) => overallProgressOf(state, courses));
}

/** The current progress as the text of an export file. */
export function exportProgress(): string {
  return JSON.stringify($progress.get(), null, 2);
}

/** Reads an export file (any supported version) and merges it into the current progress; nothing changes if it is invalid. */
export function importProgress(text: string): DecodeResult {
  const result = decodeProgressText(text);
  if (result.ok) update((state) => mergeProgress(state, result.state));
  return result;
}

/** Forgets all progress in this browser. */
export function resetProgress(): void {
  $progress.set(emptyProgress());
  dismissNotice('corrupt');
}
