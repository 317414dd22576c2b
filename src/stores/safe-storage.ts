/**
 * A storage engine for @nanostores/persistent that never throws: when
 * localStorage is missing, blocked (private mode, disabled cookies) or full,
 * values live in memory for this page and the problem is reported, so
 * the site keeps working and can say that progress will not be kept.
 */
import type { PersistentStore } from '@nanostores/persistent';

export type StorageProblem = 'unavailable' | 'full';

const PROBE_KEY = 'learnspace:probe';

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}

/**
 * Wraps a Storage (opened lazily, since merely touching `window.localStorage`
 * can throw) in an engine whose reads, writes and deletes fall back to memory.
 */
export function createSafeStorage(open: () => Storage | undefined, report: (problem: StorageProblem) => void): PersistentStore {
  /** Values the storage refused, newer than what it holds; `null` marks a deletion. */
  const memory = new Map<string, string | null>();
  let storage: Storage | undefined;
  try {
    storage = open() ?? undefined;
    storage?.getItem(PROBE_KEY);
  } catch {
    storage = undefined;
  }
  if (!storage) report('unavailable');
  else {
    try {
      storage.setItem(PROBE_KEY, '1');
      storage.removeItem(PROBE_KEY);
    } catch (error) {
      report(isQuotaError(error) ? 'full' : 'unavailable');
    }
  }

  const read = (key: string): string | undefined => {
    if (memory.has(key)) return memory.get(key) ?? undefined;
    try {
      return storage?.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const write = (key: string, value: string | null): void => {
    if (!storage) {
      memory.set(key, value);
      return;
    }
    try {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, value);
      memory.delete(key);
    } catch (error) {
      memory.set(key, value);
      report(isQuotaError(error) ? 'full' : 'unavailable');
    }
  };

  return new Proxy({} as PersistentStore, {
    get: (_target, key) => (typeof key === 'string' ? read(key) : undefined),
    has: (_target, key) => typeof key === 'string' && read(key) !== undefined,
    set: (_target, key, value) => {
      if (typeof key === 'string') write(key, String(value));
      return true;
    },
    deleteProperty: (_target, key) => {
      if (typeof key === 'string') write(key, null);
      return true;
    },
  });
}
