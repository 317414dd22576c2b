import { describe, expect, it } from 'vitest';
import { decodeProgress, decodeProgressText } from '../../../src/stores/progress-schema.ts';

describe('reading stored progress', () => {
  it('migrates version 1 rows to version 2 records', () => {
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
        version: 2,
        items: {
          'nn/01/01-a': { completed: true, completedAt: 1000, changedAt: 1000 },
          'nn/01/02-b': { completed: false },
          'la/01/01-x': { completed: true },
        },
        courses: { nn: { lastItemKey: 'nn/01/02-b' }, la: {} },
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
  });

  it('refuses files from a newer version instead of guessing', () => {
    expect(decodeProgress({ version: 3, items: {}, courses: {} })).toMatchObject({ ok: false, reason: expect.stringContaining('newer Learnspace') });
  });
});
