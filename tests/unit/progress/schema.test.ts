import { describe, expect, it } from 'vitest';
import { decodeProgress, decodeProgressText } from '../../../src/stores/progress-schema.ts';

describe('reading stored progress', () => {
  it('migrates version 1 rows to the current records', () => {
    const v1 = {
      version: 1,
      progress: [
        { courseId: 'nn', contentItemId: 'nn/01/01-a', completed: true, completedAt: 1000, progressPercentage: 100 },
        { courseId: 'nn', contentItemId: 'nn/01/02-b', completed: false },
        { courseId: 'la', contentItemId: 'la/01/01-x', completed: true },
      ],
      lastVisited: { nn: 'nn/01/02-b' },
    };
    expect(decodeProgress(v1)).toEqual({
      ok: true,
      migratedFrom: 1,
      state: {
        version: 3,
        items: {
          'nn/01/01-a': { completed: true, completedAt: 1000, changedAt: 1000 },
          'nn/01/02-b': { completed: false },
          'la/01/01-x': { completed: true },
        },
        courses: { nn: { lastItemKey: 'nn/01/02-b' }, la: {} },
        reviews: {},
        marks: {},
      },
    });
  });

  it('rejects text that is not JSON', () => {
    expect(decodeProgressText('{not json')).toEqual({ ok: false, reason: 'not valid JSON' });
  });

  it('rejects foreign JSON with a reason', () => {
    expect(decodeProgressText('{"theme":"dark"}')).toEqual({ ok: false, reason: 'expected a Learnspace progress object with a version number' });
    expect(decodeProgressText('[1,2]')).toMatchObject({ ok: false });
  });

  it('names the field that is wrong', () => {
    const result = decodeProgress({ version: 2, items: { 'nn/01/01-a': { completed: 'yes' } }, courses: {} });
    expect(result).toEqual({ ok: false, reason: 'items.nn/01/01-a.completed: expected boolean' });
    const mark = { kind: 'note', videoId: 'aircAruvnKk', title: 'T', href: 'https://evil.example/', seconds: 5, text: 'x', createdAt: 1 };
    expect(decodeProgress({ version: 3, items: {}, courses: {}, reviews: {}, marks: { m1: mark } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('marks.m1.href'),
    });
  });

  it('migrates version 2 progress (items and courses) keeping every record, with no cards or notes yet', () => {
    const v2 = {
      version: 2,
      items: {
        'nn/01/03-quiz': { completed: true, completedAt: 5, changedAt: 5, visitedAt: 4, quiz: { attempts: 2, bestScore: 80, lastScore: 60, passedAt: 5 } },
      },
      courses: { nn: { lastItemKey: 'nn/01/03-quiz', lastVisitedAt: 4 } },
    };
    expect(decodeProgress(v2)).toEqual({ ok: true, migratedFrom: 2, state: { ...v2, version: 3, reviews: {}, marks: {} } });
  });

  it('reads version 3 with review cards and learner marks as stored', () => {
    const v3 = {
      version: 3,
      items: {},
      courses: {},
      reviews: {
        'aircAruvnKk:term:neuron': {
          due: 10,
          stability: 2.3,
          difficulty: 2.1,
          scheduledDays: 0,
          learningSteps: 1,
          reps: 1,
          lapses: 0,
          state: 1,
          lastReview: 5,
        },
      },
      marks: {
        m1: {
          kind: 'bookmark',
          videoId: 'aircAruvnKk',
          title: 'But what is a neural network?',
          href: '/videos/aircAruvnKk/',
          seconds: 65,
          text: '',
          createdAt: 7,
        },
      },
    };
    expect(decodeProgress(v3)).toEqual({ ok: true, state: v3 });
  });

  it('refuses files from a newer version instead of guessing', () => {
    expect(decodeProgress({ version: 4, items: {}, courses: {}, reviews: {}, marks: {} })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('newer Learnspace'),
    });
  });
});
