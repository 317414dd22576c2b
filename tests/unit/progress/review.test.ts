import { describe, expect, it } from 'vitest';
import { decodeProgress, emptyProgress, type LearnerMark, type ProgressState } from '../../../src/stores/progress-schema.ts';
import {
  addMark,
  applyQuizAttempt,
  dueCards,
  isUnlocked,
  markCompleted,
  markHref,
  marksOf,
  mergeProgress,
  nextDueAt,
  recordReview,
  recordVisit,
  removeMark,
} from '../../../src/stores/progress-model.ts';
import { formatInterval, gradeCard, intervalsFor } from '../../../src/stores/review-schedule.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = Date.UTC(2026, 11, 1, 9);
const lecture = 'nn/01-intro/01-lecture';
const quiz = 'nn/01-intro/03-check';
const cards = [
  { id: 'aircAruvnKk:term:neuron', itemKey: lecture },
  { id: 'aircAruvnKk:term:activation', itemKey: lecture },
  { id: `${quiz}:q:abc`, itemKey: quiz },
];

describe('scheduling review cards with FSRS', () => {
  it('brings a card graded Good back within minutes while learning, then days later', () => {
    const first = gradeCard(undefined, 'good', t0);
    expect(first.due - t0).toBe(10 * 60_000);
    expect(first).toMatchObject({ reps: 1, lapses: 0, lastReview: t0 });
    const second = gradeCard(first, 'good', first.due);
    expect(second.due - first.due).toBeGreaterThanOrEqual(DAY);
    expect(second.reps).toBe(2);
  });

  it('spaces Easy further than Good and Good further than Hard, and Again counts a lapse once learned', () => {
    const learned = gradeCard(gradeCard(undefined, 'good', t0), 'good', t0 + HOUR);
    const day = learned.due;
    const intervals = intervalsFor(learned, day);
    expect(intervals.easy).toBeGreaterThan(intervals.good);
    expect(intervals.good).toBeGreaterThan(intervals.hard);
    expect(intervals.hard).toBeGreaterThan(intervals.again);
    expect(gradeCard(learned, 'again', day).lapses).toBe(1);
  });

  it('labels intervals as a learner reads them', () => {
    expect([30_000, 10 * 60_000, 5 * HOUR, 3 * DAY, 62 * DAY, 800 * DAY].map(formatInterval)).toEqual(['1 min', '10 min', '5 h', '3 d', '2 mo', '2 y']);
  });
});

describe('due cards', () => {
  it('holds back cards until the learner opened their item', () => {
    expect(dueCards(emptyProgress(), cards, t0)).toEqual([]);
    const opened = recordVisit(emptyProgress(), 'nn', lecture, t0);
    expect(dueCards(opened, cards, t0).map((c) => c.id)).toEqual(['aircAruvnKk:term:neuron', 'aircAruvnKk:term:activation']);
    expect(isUnlocked(markCompleted(emptyProgress(), quiz, true, t0), cards[2]!)).toBe(true);
    expect(isUnlocked(markCompleted(markCompleted(emptyProgress(), quiz, true, t0), quiz, false, t0), cards[2]!)).toBe(false);
  });

  it('hides a reviewed card until it is due again, a day later, and puts overdue cards before new ones', () => {
    let state = recordVisit(emptyProgress(), 'nn', lecture, t0);
    state = recordReview(state, cards[0]!.id, gradeCard(gradeCard(undefined, 'good', t0), 'good', t0 + 11 * 60_000));
    expect(dueCards(state, cards, t0 + 12 * 60_000).map((c) => c.id)).toEqual(['aircAruvnKk:term:activation']);
    const due = state.reviews[cards[0]!.id]!.due;
    expect(nextDueAt(state, cards, t0 + 12 * 60_000)).toBe(due);
    expect(dueCards(state, cards, due).map((c) => c.id)).toEqual(['aircAruvnKk:term:neuron', 'aircAruvnKk:term:activation']);
    expect(nextDueAt(state, cards, due)).toBeUndefined();
  });

  it('orders overdue cards by how long they have waited', () => {
    let state = recordVisit(emptyProgress(), 'nn', lecture, t0);
    const review = gradeCard(undefined, 'good', t0);
    state = recordReview(state, cards[0]!.id, { ...review, due: t0 + 2 * HOUR });
    state = recordReview(state, cards[1]!.id, { ...review, due: t0 + HOUR });
    expect(dueCards(state, cards, t0 + DAY).map((c) => c.id)).toEqual(['aircAruvnKk:term:activation', 'aircAruvnKk:term:neuron']);
    expect(nextDueAt(state, cards, t0)).toBe(t0 + HOUR);
  });
});

const mark = (over: Partial<LearnerMark> = {}): LearnerMark => ({
  kind: 'bookmark',
  videoId: 'aircAruvnKk',
  title: 'But what is a neural network?',
  href: '/courses/neural-networks/01-what-is-a-network/01-lecture/',
  seconds: 65,
  text: '',
  createdAt: t0,
  ...over,
});

describe('learner notes and bookmarks', () => {
  it('keeps a bookmark without text but not an empty note, and links back to its second', () => {
    let state = addMark(emptyProgress(), 'm1', mark({ seconds: 65.7 }));
    state = addMark(state, 'm2', mark({ kind: 'note', text: '   ' }));
    expect(Object.keys(state.marks)).toEqual(['m1']);
    expect(markHref(state.marks.m1!)).toBe('/courses/neural-networks/01-what-is-a-network/01-lecture/?t=65');
    expect(addMark(emptyProgress(), 'm3', mark({ kind: 'note', text: ' weights ', seconds: -3 })).marks.m3).toMatchObject({ text: 'weights', seconds: 0 });
  });

  it("lists a video's marks in video order and all marks newest first", () => {
    let state = addMark(emptyProgress(), 'late', mark({ seconds: 300, createdAt: t0 }));
    state = addMark(state, 'early', mark({ seconds: 10, createdAt: t0 + 2 }));
    state = addMark(state, 'early-2', mark({ seconds: 10, createdAt: t0 + 3, kind: 'note', text: 'bias' }));
    state = addMark(state, 'other', mark({ videoId: 'IHZwWFHWa-w', createdAt: t0 + 1 }));
    expect(marksOf(state, 'aircAruvnKk').map((m) => m.id)).toEqual(['early', 'early-2', 'late']);
    expect(marksOf(state).map((m) => m.id)).toEqual(['early-2', 'early', 'other', 'late']);
    expect(marksOf(removeMark(state, 'early'), 'aircAruvnKk').map((m) => m.id)).toEqual(['early-2', 'late']);
    expect(removeMark(state, 'missing')).toBe(state);
  });
});

describe('importing progress with review state and marks', () => {
  it('keeps the newest review of each card, the best quiz score and both sides’ notes', () => {
    const older = gradeCard(undefined, 'again', t0);
    const newer = gradeCard(gradeCard(undefined, 'good', t0), 'good', t0 + HOUR);
    let mine: ProgressState = recordReview(emptyProgress(), 'a', newer);
    mine = recordReview(mine, 'b', older);
    mine = applyQuizAttempt(mine, quiz, 90, 70, t0);
    mine = addMark(mine, 'm-mine', mark());
    let theirs: ProgressState = recordReview(emptyProgress(), 'a', older);
    theirs = recordReview(theirs, 'b', newer);
    theirs = recordReview(theirs, 'c', older);
    theirs = applyQuizAttempt(theirs, quiz, 40, 70, t0 + DAY);
    theirs = addMark(theirs, 'm-theirs', mark({ kind: 'note', text: 'sigmoid' }));
    const merged = mergeProgress(mine, theirs);
    expect(merged.reviews).toEqual({ a: newer, b: newer, c: older });
    expect(merged.items[quiz]?.quiz).toMatchObject({ bestScore: 90, attempts: 1, passedAt: t0 });
    expect(Object.keys(merged.marks).sort()).toEqual(['m-mine', 'm-theirs']);
    expect(mergeProgress(theirs, mine).reviews).toEqual(merged.reviews);
  });

  it('on equal review times keeps the state with more reviews', () => {
    const one = { ...gradeCard(undefined, 'good', t0), lastReview: t0 };
    const two = { ...one, reps: 2 };
    expect(mergeProgress(recordReview(emptyProgress(), 'a', one), recordReview(emptyProgress(), 'a', two)).reviews.a).toBe(two);
    expect(mergeProgress(recordReview(emptyProgress(), 'a', two), recordReview(emptyProgress(), 'a', one)).reviews.a).toBe(two);
    const { lastReview: _none, ...never } = one;
    expect(mergeProgress(recordReview(emptyProgress(), 'a', never), recordReview(emptyProgress(), 'a', one)).reviews.a).toBe(one);
  });

  it('imports a version 2 export into version 3 progress without losing a newer visit or the best score', () => {
    const file = {
      version: 2,
      items: { [quiz]: { completed: false, visitedAt: t0 - DAY, quiz: { attempts: 3, bestScore: 60, lastScore: 60 } } },
      courses: { nn: { lastItemKey: quiz, lastVisitedAt: t0 - DAY } },
    };
    const decoded = decodeProgress(file);
    if (!decoded.ok) throw new Error(decoded.reason);
    let mine = recordVisit(emptyProgress(), 'nn', lecture, t0);
    mine = recordVisit(mine, 'nn', quiz, t0 + 5);
    mine = applyQuizAttempt(mine, quiz, 80, 70, t0 + 6);
    mine = recordReview(mine, 'a', gradeCard(undefined, 'good', t0));
    const merged = mergeProgress(mine, decoded.state);
    expect(merged.version).toBe(3);
    expect(merged.items[quiz]).toMatchObject({ completed: true, visitedAt: t0 + 5, quiz: { bestScore: 80, attempts: 3, passedAt: t0 + 6 } });
    expect(merged.courses.nn).toEqual({ lastItemKey: quiz, lastVisitedAt: t0 + 5 });
    expect(merged.reviews.a).toBeDefined();
  });
});
