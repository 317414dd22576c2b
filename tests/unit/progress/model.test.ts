import { describe, expect, it } from 'vitest';
import { emptyProgress } from '../../../src/stores/progress-schema.ts';
import {
  applyQuizAttempt,
  applyVideoWatch,
  continueTarget,
  courseProgressOf,
  markCompleted,
  mergeProgress,
  overallProgressOf,
  quizScoreOf,
  recordVisit,
} from '../../../src/stores/progress-model.ts';

const keys = ['nn/01-intro/01-a', 'nn/01-intro/02-b', 'nn/02-more/01-c', 'nn/02-more/02-d'];
const refs = keys.map((key) => ({ key, href: `/courses/${key}/`, title: key }));

describe('course progress', () => {
  it('counts completed items over the current item list', () => {
    let state = markCompleted(emptyProgress(), keys[0]!, true, 1);
    state = markCompleted(state, keys[2]!, true, 2);
    expect(courseProgressOf(state, keys)).toEqual({ completed: 2, total: 4, percentage: 50 });
  });

  it('stops counting items the course no longer has and counts new ones as not done', () => {
    let state = markCompleted(emptyProgress(), 'nn/01-intro/99-removed', true, 1);
    state = markCompleted(state, keys[0]!, true, 2);
    expect(courseProgressOf(state, [...keys, 'nn/03-new/01-added'])).toEqual({ completed: 1, total: 5, percentage: 20 });
  });

  it('marks an item incomplete again and forgets its completion time', () => {
    const done = markCompleted(emptyProgress(), keys[0]!, true, 1);
    const undone = markCompleted(done, keys[0]!, false, 5);
    expect(undone.items[keys[0]!]).toEqual({ completed: false, changedAt: 5 });
    expect(courseProgressOf(undone, keys).completed).toBe(0);
  });

  it('sums totals over the started courses only, so a course never opened does not dilute the percentage', () => {
    const state = markCompleted(emptyProgress(), keys[0]!, true, 1);
    const overall = overallProgressOf(state, [
      { slug: 'nn', itemKeys: keys },
      { slug: 'la', itemKeys: ['la/01/01', 'la/01/02'] },
    ]);
    expect(overall).toEqual({ completed: 1, total: 4, percentage: 25, coursesStarted: 1, coursesCompleted: 0 });
  });

  it('reads a quiz score as best score, attempts and passed', () => {
    let state = applyQuizAttempt(emptyProgress(), keys[1]!, 40, 70, 1);
    expect(quizScoreOf(state, keys[1]!)).toEqual({ attempts: 1, bestScore: 40, lastScore: 40, passed: false });
    state = applyQuizAttempt(state, keys[1]!, 80, 70, 2);
    state = applyQuizAttempt(state, keys[1]!, 60, 70, 3);
    expect(quizScoreOf(state, keys[1]!)).toEqual({ attempts: 3, bestScore: 80, lastScore: 60, passed: true });
    expect(quizScoreOf(state, keys[0]!)).toBeUndefined();
  });
});

describe('automatic completion', () => {
  it('completes a quiz item when the score reaches its pass mark and keeps the best score', () => {
    let state = applyQuizAttempt(emptyProgress(), keys[1]!, 50, 70, 1);
    expect(state.items[keys[1]!]?.completed).toBe(false);
    state = applyQuizAttempt(state, keys[1]!, 80, 70, 2);
    state = applyQuizAttempt(state, keys[1]!, 60, 70, 3);
    expect(state.items[keys[1]!]).toMatchObject({ completed: true, completedAt: 2, quiz: { attempts: 3, bestScore: 80, lastScore: 60, passedAt: 2 } });
  });

  it('uses the pass mark of each quiz', () => {
    expect(applyQuizAttempt(emptyProgress(), keys[1]!, 80, 90, 1).items[keys[1]!]?.completed).toBe(false);
    expect(applyQuizAttempt(emptyProgress(), keys[1]!, 40, 40, 1).items[keys[1]!]?.completed).toBe(true);
  });

  it('accumulates watched seconds and completes a video at 90 % of its duration', () => {
    let state = applyVideoWatch(emptyProgress(), keys[0]!, 400, 1000, 1);
    state = applyVideoWatch(state, keys[0]!, 400, 1000, 2);
    expect(state.items[keys[0]!]).toMatchObject({ completed: false, video: { watchedSeconds: 800, durationSeconds: 1000 } });
    state = applyVideoWatch(state, keys[0]!, 100, 1000, 3);
    expect(state.items[keys[0]!]).toMatchObject({ completed: true, completedAt: 3 });
  });

  it('ignores watch reports that are not positive numbers', () => {
    const state = applyVideoWatch(emptyProgress(), keys[0]!, Number.NaN, 1000, 1);
    expect(applyVideoWatch(state, keys[0]!, -50, 1000, 2)).toEqual(emptyProgress());
  });
});

describe('continue where you left off', () => {
  it('starts at the first item before anything was done', () => {
    expect(continueTarget(emptyProgress(), 'nn', refs)).toEqual({ kind: 'start', item: refs[0] });
  });

  it('returns to the last visited item while it is unfinished', () => {
    const state = recordVisit(emptyProgress(), 'nn', keys[2]!, 1);
    expect(continueTarget(state, 'nn', refs)).toEqual({ kind: 'continue', item: refs[2] });
  });

  it('moves on to the next unfinished item once the last visited one is done', () => {
    let state = recordVisit(emptyProgress(), 'nn', keys[2]!, 1);
    state = markCompleted(state, keys[2]!, true, 2);
    state = markCompleted(state, keys[3]!, true, 3);
    expect(continueTarget(state, 'nn', refs)).toEqual({ kind: 'continue', item: refs[0] });
  });

  it('offers a review when every item is done', () => {
    let state = recordVisit(emptyProgress(), 'nn', keys[3]!, 1);
    for (const key of keys) state = markCompleted(state, key, true, 2);
    expect(continueTarget(state, 'nn', refs)).toEqual({ kind: 'review', item: refs[0] });
  });
});

describe('merging an imported file', () => {
  it('keeps the latest completion change of each item and adds items only one side has', () => {
    let mine = markCompleted(emptyProgress(), keys[0]!, true, 100);
    mine = markCompleted(mine, keys[1]!, true, 100);
    mine = markCompleted(mine, keys[1]!, false, 300);
    let theirs = markCompleted(emptyProgress(), keys[0]!, true, 200);
    theirs = markCompleted(theirs, keys[1]!, true, 200);
    theirs = markCompleted(theirs, keys[2]!, true, 50);
    const merged = mergeProgress(mine, theirs);
    expect(merged.items[keys[0]!]).toEqual({ completed: true, completedAt: 200, changedAt: 200 });
    expect(merged.items[keys[1]!]).toEqual({ completed: false, changedAt: 300 });
    expect(merged.items[keys[2]!]).toEqual({ completed: true, completedAt: 50, changedAt: 50 });
  });

  it('keeps the best quiz score and the most watched seconds of both sides', () => {
    const mine = applyVideoWatch(applyQuizAttempt(emptyProgress(), keys[1]!, 90, 70, 10), keys[0]!, 300, 1000, 10);
    const theirs = applyVideoWatch(applyQuizAttempt(emptyProgress(), keys[1]!, 60, 70, 20), keys[0]!, 500, 1000, 20);
    const merged = mergeProgress(mine, theirs);
    expect(merged.items[keys[1]!]?.quiz).toMatchObject({ bestScore: 90, passedAt: 10 });
    expect(merged.items[keys[0]!]?.video?.watchedSeconds).toBe(500);
  });
});

describe('reading to the end', () => {
  it('completes an untouched item but respects a learner who marked it not done', async () => {
    const { markReadToEnd } = await import('../../../src/stores/progress-model.ts');
    expect(markReadToEnd(emptyProgress(), keys[0]!, 1).items[keys[0]!]).toEqual({ completed: true, completedAt: 1, changedAt: 1 });
    const undone = markCompleted(markCompleted(emptyProgress(), keys[0]!, true, 1), keys[0]!, false, 2);
    expect(markReadToEnd(undone, keys[0]!, 3)).toBe(undone);
  });
});
