import { beforeEach, describe, expect, it, vi } from 'vitest';

type Persistent = typeof import('@nanostores/persistent');
type Progress = typeof import('../../../src/stores/progress.ts');

let persistent: Persistent;

/** A fresh progress store over @nanostores/persistent's own test engine, seeded with `stored`. */
async function openStore(stored?: string): Promise<Progress> {
  vi.resetModules();
  persistent = await import('@nanostores/persistent');
  persistent.useTestStorageEngine();
  persistent.cleanTestStorage();
  if (stored !== undefined) persistent.setTestStorageKey('learnspace:progress', stored);
  const progress = await import('../../../src/stores/progress.ts');
  progress.$progress.listen(() => {});
  return progress;
}

const stored = () => JSON.parse(persistent.getTestStorage()['learnspace:progress']!);

describe('the progress store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    return () => vi.useRealTimers();
  });

  it('computes course progress from completions and persists them under the versioned key', async () => {
    const progress = await openStore();
    const course = progress.courseProgress(['c/1/a', 'c/1/b', 'c/2/c']);
    progress.setItemComplete('c', 'c/1/a', true);
    expect(course.get()).toEqual({ completed: 1, total: 3, percentage: 33 });
    expect(stored()).toEqual({
      version: 3,
      items: { 'c/1/a': { completed: true, completedAt: 1_000_000, changedAt: 1_000_000 } },
      courses: {},
      reviews: {},
      marks: {},
    });
  });

  it('completes a quiz item when an attempt passes', async () => {
    const progress = await openStore();
    progress.recordQuizAttempt('c', 'c/1/quiz', 65, 70);
    expect(progress.itemCompleted('c/1/quiz').get()).toBe(false);
    progress.recordQuizAttempt('c', 'c/1/quiz', 75, 70);
    expect(progress.itemCompleted('c/1/quiz').get()).toBe(true);
    expect(stored().items['c/1/quiz'].quiz).toEqual({ attempts: 2, bestScore: 75, lastScore: 75, passedAt: 1_000_000 });
  });

  it('reads version 1 progress from storage', async () => {
    const v1 = { version: 1, progress: [{ courseId: 'c', contentItemId: 'c/1/a', completed: true, completedAt: 5 }] };
    const progress = await openStore(JSON.stringify(v1));
    expect(progress.courseProgress(['c/1/a', 'c/1/b']).get()).toEqual({ completed: 1, total: 2, percentage: 50 });
    expect(progress.$progressNotices.get()).toEqual({});
  });

  it('drops corrupt data with a notice instead of failing', async () => {
    const progress = await openStore('{"version":2,"items":{"c/1/a":{"completed":"yes"}}');
    expect(progress.$progress.get()).toEqual({ version: 3, items: {}, courses: {}, reviews: {}, marks: {} });
    expect(progress.$progressNotices.get().corrupt).toMatch(/could not be read \(not valid JSON\), so it was discarded/);
    progress.setItemComplete('c', 'c/1/b', true);
    expect(stored().items['c/1/b'].completed).toBe(true);
  });

  it('drops foreign data stored under its key with a notice', async () => {
    const progress = await openStore('{"completed":["a"]}');
    expect(progress.$progressNotices.get().corrupt).toMatch(/expected a Learnspace progress object/);
  });

  it('picks up changes another tab writes', async () => {
    const progress = await openStore();
    const other = { version: 2, items: { 'c/1/b': { completed: true, completedAt: 9, changedAt: 9 } }, courses: {} };
    persistent.setTestStorageKey('learnspace:progress', JSON.stringify(other));
    expect(progress.itemCompleted('c/1/b').get()).toBe(true);
  });

  it('merges an imported file by latest completion and rejects an invalid one untouched', async () => {
    const progress = await openStore();
    progress.setItemComplete('c', 'c/1/a', true);
    const file = {
      version: 2,
      items: { 'c/1/a': { completed: true, completedAt: 2_000_000, changedAt: 2_000_000 }, 'c/1/b': { completed: true, completedAt: 5, changedAt: 5 } },
      courses: {},
    };
    expect(progress.importProgress(JSON.stringify(file))).toMatchObject({ ok: true });
    expect(progress.$progress.get().items).toEqual(file.items);
    expect(progress.importProgress('{"version":2}')).toMatchObject({ ok: false, reason: 'items: expected record; courses: expected record' });
    expect(progress.$progress.get().items).toEqual(file.items);
  });

  it('exports what it imports', async () => {
    const progress = await openStore();
    progress.visitItem('c', 'c/1/a');
    progress.recordVideoWatch('c', 'c/1/a', 95, 100);
    const text = progress.exportProgress();
    const fresh = await openStore();
    fresh.importProgress(text);
    expect(fresh.$progress.get()).toEqual(JSON.parse(text));
    expect(fresh.itemCompleted('c/1/a').get()).toBe(true);
  });

  it('forgets everything on reset', async () => {
    const progress = await openStore();
    progress.setItemComplete('c', 'c/1/a', true);
    progress.resetProgress();
    expect(stored()).toEqual({ version: 3, items: {}, courses: {}, reviews: {}, marks: {} });
  });
});
