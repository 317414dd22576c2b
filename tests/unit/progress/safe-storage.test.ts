import { describe, expect, it } from 'vitest';
import { createSafeStorage, type StorageProblem } from '../../../src/stores/safe-storage.ts';

/** A small in-memory Storage; `failWrites` makes setItem throw like a browser whose quota is used up. */
class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  private failWrites: boolean;
  constructor(failWrites = false) {
    this.failWrites = failWrites;
  }
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, value);
  }
}

function open(storage: () => Storage | undefined) {
  const problems: StorageProblem[] = [];
  const engine = createSafeStorage(storage, (p) => problems.push(p));
  return { engine, problems };
}

describe('the storage engine', () => {
  it('reads and writes through to working storage without reporting anything', () => {
    const storage = new MemoryStorage();
    const { engine, problems } = open(() => storage);
    engine['k'] = 'v';
    expect(storage.getItem('k')).toBe('v');
    expect('k' in engine).toBe(true);
    delete engine['k'];
    expect('k' in engine).toBe(false);
    expect(problems).toEqual([]);
  });

  it('keeps values in memory and reports "unavailable" when storage throws on access', () => {
    const { engine, problems } = open(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    engine['k'] = 'v';
    expect(engine['k']).toBe('v');
    expect(problems).toEqual(['unavailable']);
  });

  it('keeps refused writes in memory, still reads older data, and reports "full" on a quota error', () => {
    const storage = new MemoryStorage();
    storage.setItem('old', 'kept');
    (storage as unknown as { failWrites: boolean }).failWrites = true;
    const { engine, problems } = open(() => storage);
    expect(engine['old']).toBe('kept');
    engine['k'] = 'v';
    expect(engine['k']).toBe('v');
    expect(problems).toContain('full');
  });
});
