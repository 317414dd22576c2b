/**
 * The run lock after a run was killed in the instant between taking the lock and
 * naming itself in the owner file: the next run must take it over, not refuse.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRunLock, LockHeldError } from '../../../scripts/pipeline/material-writer.ts';
import { generatedDir } from '../../../src/lib/generated-files.ts';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the run lock', () => {
  it('takes over a lock that no run named (killed between locking and naming itself)', async () => {
    root = mkdtempSync(join(tmpdir(), 'learnspace-lock-'));
    mkdirSync(join(generatedDir(root), '.pipeline.lock'), { recursive: true });
    const release = await acquireRunLock(root);
    await release();
  });

  it('still refuses a lock held by a live run on this machine', async () => {
    root = mkdtempSync(join(tmpdir(), 'learnspace-lock-'));
    const release = await acquireRunLock(root);
    await expect(acquireRunLock(root)).rejects.toBeInstanceOf(LockHeldError);
    await release();
  });

  it('takes over a lock whose named owner is a process that is gone', async () => {
    root = mkdtempSync(join(tmpdir(), 'learnspace-lock-'));
    const dir = generatedDir(root);
    mkdirSync(join(dir, '.pipeline.lock'), { recursive: true });
    writeFileSync(
      join(dir, '.pipeline.lock.json'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), startedAt: new Date().toISOString() }),
    );
    const release = await acquireRunLock(root);
    await release();
  });
});
