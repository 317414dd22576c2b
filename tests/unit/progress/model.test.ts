import { describe, expect, it } from 'vitest';
import { emptyProgress, type ItemProgress, type ProgressState } from '../../../src/stores/progress-schema.ts';
import {
  applyQuizAttempt,
  applyVideoWatch,
  continueTarget,
  courseProgressOf,
  isStarted,
  lastActivity,
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

describe('edge cases a learner runs into', () => {
  it('keeps the first completion time when an item is marked complete again', () => {
    const once = markCompleted(emptyProgress(), keys[0]!, true, 1);
    expect(markCompleted(once, keys[0]!, true, 5).items[keys[0]!]).toEqual({ completed: true, completedAt: 1, changedAt: 1 });
  });

  it('ignores a quiz score that is not a number and clamps one outside 0-100', () => {
    const state = applyQuizAttempt(emptyProgress(), keys[1]!, Number.NaN, 70, 1);
    expect(state).toEqual(emptyProgress());
    expect(applyQuizAttempt(emptyProgress(), keys[1]!, 130, Number.NaN, 1).items[keys[1]!]?.quiz).toEqual({
      attempts: 1,
      bestScore: 100,
      lastScore: 100,
      passedAt: 1,
    });
    expect(applyQuizAttempt(emptyProgress(), keys[1]!, 65, Number.NaN, 1).items[keys[1]!]?.completed).toBe(false);
  });

  it('adds nothing for a report of zero seconds', () => {
    const state = emptyProgress();
    expect(applyVideoWatch(state, keys[0]!, 0, 1000, 1)).toBe(state);
  });

  it('uses the known duration when a report comes without one, and never caps time when no duration is known', () => {
    let state = applyVideoWatch(emptyProgress(), keys[0]!, 100, 1000, 1);
    state = applyVideoWatch(state, keys[0]!, 850, 0, 2);
    expect(state.items[keys[0]!]).toMatchObject({ completed: true, video: { watchedSeconds: 950, durationSeconds: 1000 } });
    const unknown = applyVideoWatch(applyVideoWatch(emptyProgress(), keys[0]!, 500, 0, 1), keys[0]!, 700, Number.NaN, 2);
    expect(unknown.items[keys[0]!]).toEqual({ completed: false, video: { watchedSeconds: 1200, durationSeconds: 0 } });
    const capped = applyVideoWatch(emptyProgress(), keys[0]!, 1500, 1000, 1);
    expect(capped.items[keys[0]!]?.video?.watchedSeconds).toBe(1000);
  });

  it('reads 0 % for a course without items, and counts a course with every item done as completed', () => {
    expect(courseProgressOf(emptyProgress(), [])).toEqual({ completed: 0, total: 0, percentage: 0 });
    let state = recordVisit(emptyProgress(), 'empty', 'empty/x', 1);
    for (const key of keys) state = markCompleted(state, key, true, 2);
    const overall = overallProgressOf(state, [
      { slug: 'nn', itemKeys: keys },
      { slug: 'empty', itemKeys: [] },
    ]);
    expect(overall).toEqual({ completed: 4, total: 4, percentage: 100, coursesStarted: 2, coursesCompleted: 1 });
    expect(overallProgressOf(emptyProgress(), [{ slug: 'empty', itemKeys: [] }])).toEqual({
      completed: 0,
      total: 0,
      percentage: 0,
      coursesStarted: 0,
      coursesCompleted: 0,
    });
  });

  it('counts a course as started once visited, even before any item record', () => {
    const state = { ...emptyProgress(), courses: { nn: { lastVisitedAt: 3 } } };
    expect(isStarted(state, 'nn', keys)).toBe(true);
    expect(isStarted(emptyProgress(), 'nn', keys)).toBe(false);
  });

  it('has no score for a quiz record without attempts', () => {
    const state = { ...emptyProgress(), items: { [keys[1]!]: { completed: false, quiz: { attempts: 0, bestScore: 0, lastScore: 0 } } } };
    expect(quizScoreOf(state, keys[1]!)).toBeUndefined();
  });

  it('has nothing to continue in an empty course and starts over when the last item is gone', () => {
    expect(continueTarget(emptyProgress(), 'nn', [])).toBeUndefined();
    const state = recordVisit(emptyProgress(), 'nn', 'nn/99/removed', 1);
    expect(continueTarget(state, 'nn', refs)).toEqual({ kind: 'continue', item: refs[0] });
  });

  it('reports the latest activity of a course from visits, completions and changes', () => {
    expect(lastActivity(emptyProgress(), 'nn', keys)).toBeUndefined();
    let state = recordVisit(emptyProgress(), 'nn', keys[0]!, 10);
    state = markCompleted(state, keys[1]!, true, 30);
    state = markCompleted(state, keys[2]!, true, 20);
    expect(lastActivity(state, 'nn', keys)).toBe(30);
    expect(lastActivity({ ...state, courses: { nn: { lastVisitedAt: 40 } } }, 'nn', keys)).toBe(40);
    expect(lastActivity({ ...emptyProgress(), items: { [keys[0]!]: { completed: false, visitedAt: 7 } } }, 'nn', keys)).toBe(7);
  });
});

describe('merging an imported file, item by item', () => {
  const item = (over: Partial<ItemProgress>): ProgressState => ({ ...emptyProgress(), items: { [keys[1]!]: { completed: false, ...over } } });
  const merged = (mine: ProgressState, theirs: ProgressState) => mergeProgress(mine, theirs).items[keys[1]!];

  it('keeps a visit and a quiz or video record that only the older side has', () => {
    const mine = item({ visitedAt: 50, quiz: { attempts: 2, bestScore: 60, lastScore: 60 }, video: { watchedSeconds: 30, durationSeconds: 600 } });
    const theirs = item({ completed: true, completedAt: 100, changedAt: 100 });
    expect(merged(mine, theirs)).toEqual({
      completed: true,
      completedAt: 100,
      changedAt: 100,
      visitedAt: 50,
      quiz: { attempts: 2, bestScore: 60, lastScore: 60 },
      video: { watchedSeconds: 30, durationSeconds: 600 },
    });
    expect(merged(theirs, mine)).toEqual(merged(mine, theirs));
  });

  it('keeps this browser’s record when both changed at the same time', () => {
    expect(merged(item({ changedAt: 100 }), item({ completed: true, completedAt: 100, changedAt: 100 }))).toEqual({ completed: false, changedAt: 100 });
  });

  it('keeps the first pass, the last score of the newer side, and the longest video', () => {
    const quiz = (passedAt: number | undefined, lastScore: number) => ({
      attempts: 1,
      bestScore: lastScore,
      lastScore,
      ...(passedAt !== undefined ? { passedAt } : {}),
    });
    const mine = item({ changedAt: 10, quiz: quiz(10, 80), video: { watchedSeconds: 100, durationSeconds: 0 } });
    const theirs = item({ changedAt: 20, quiz: quiz(5, 90), video: { watchedSeconds: 50, durationSeconds: 600 } });
    expect(merged(mine, theirs)).toMatchObject({ quiz: { passedAt: 5, lastScore: 90 }, video: { watchedSeconds: 100, durationSeconds: 600 } });
    expect(merged(item({ quiz: quiz(undefined, 40) }), item({ changedAt: 1, quiz: quiz(7, 70) }))?.quiz?.passedAt).toBe(7);
    expect(merged(item({ changedAt: 1, quiz: quiz(7, 70) }), item({ quiz: quiz(undefined, 40) }))?.quiz?.passedAt).toBe(7);
    expect(merged(item({ quiz: quiz(undefined, 40) }), item({ changedAt: 1, quiz: quiz(undefined, 50) }))?.quiz).toEqual({
      attempts: 1,
      bestScore: 50,
      lastScore: 50,
    });
  });

  it('keeps the course position of the later visit, and this browser’s when neither has a time', () => {
    const mine = { ...emptyProgress(), courses: { nn: { lastItemKey: keys[0]! } } };
    const theirs = { ...emptyProgress(), courses: { nn: { lastItemKey: keys[1]! } } };
    expect(mergeProgress(mine, theirs).courses.nn).toEqual({ lastItemKey: keys[0] });
    const timed = { ...emptyProgress(), courses: { nn: { lastItemKey: keys[2]!, lastVisitedAt: 5 } } };
    expect(mergeProgress(mine, timed).courses.nn).toEqual({ lastItemKey: keys[2], lastVisitedAt: 5 });
    expect(mergeProgress(timed, mine).courses.nn).toEqual({ lastItemKey: keys[2], lastVisitedAt: 5 });
  });
});
