/**
 * Learner progress (seed: progress table) in the browser.
 * PLACEHOLDER API: the progress issue replaces these bodies with nanostores
 * persisted in localStorage; callers (quiz and video islands) rely on these
 * signatures only.
 */

/** Records that a learner opened an item, for "continue where you left off". */
export function visitItem(_courseSlug: string, _itemKey: string): void {}

/** Marks an item complete or not. */
export function setItemComplete(_courseSlug: string, _itemKey: string, _complete: boolean): void {}

/** Records a quiz attempt; completes the item when the score reaches the pass mark (percent). */
export function recordQuizAttempt(_courseSlug: string, _itemKey: string, _scorePercent: number, _passMark: number): void {}

/** Records seconds actually watched; completes the item at 90 % of the duration. */
export function recordVideoWatch(_courseSlug: string, _itemKey: string, _watchedSeconds: number, _durationSeconds: number): void {}
