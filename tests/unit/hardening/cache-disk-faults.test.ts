/**
 * The cache folder on a full disk, and read-only: the pipeline says so in
 * words a person can act on, writes nothing half-way and keeps every good
 * result. Real filesystems (a tiny tmpfs, a read-only bind mount), so these
 * need mount rights (root, as in CI); elsewhere they are skipped, saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { readVideoResult, readVideoStatus } from '../../../src/lib/generated-files.ts';
import { projectWithSampleVideos, runVideosCli } from './helpers/videos-cli.ts';
const IDS = ['aircAruvnKk', 'IHZwWFHWa-w', 'Ilg3gGewQ5U'];

function canMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'learnspace-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('cache-disk-faults: skipped, this user cannot mount filesystems (run as root, as CI does)');
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const mountable = canMount();

let root: string;
const generated = () => join(root, 'content', 'generated', 'videos');
/** Every file of the material folders, by path inside the generated folder. */
const snapshot = () =>
  Object.fromEntries(
    readdirSync(generated(), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.pipeline.lock'))
      .map((e) => {
        const path = relative(generated(), join(e.parentPath, e.name));
        return [path, readFileSync(join(generated(), path), 'utf8')];
      }),
  );
/** Writes a snapshot back into the (emptied) generated folder. */
const restore = (files: Record<string, string>) => {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(generated(), f)), { recursive: true });
    writeFileSync(join(generated(), f), text);
  }
};

const cli = (args: string[]) => runVideosCli(root, args);

beforeAll(async () => {
  root = projectWithSampleVideos('learnspace-disk-', IDS);
  const first = await cli(['process']);
  expect(first.code, first.output).toBe(0);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!mountable)('the cache folder on a failing disk', () => {
  it('on a full disk says so, writes nothing half-way and keeps every result', async () => {
    const before = snapshot();
    const used = Object.values(before).reduce((n, t) => n + Math.ceil(Buffer.byteLength(t) / 4096) * 4096, 0);
    // Room for what is there now plus a little, but not for a second copy of a result.
    const size = used + 12 * 1024;
    const dir = generated();
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    try {
      restore(before);
      const run = await cli(['process', '--force']);
      expect(run.output).toMatch(/ENOSPC: the disk is full/);
      expect(run.output).toMatch(/nothing was half-written/);
      const after = snapshot();
      for (const id of IDS) {
        // Each file is the old one or a complete new one: never empty, never cut short.
        const result = readVideoResult(id, root);
        expect(result.ok, `${id} material lost or damaged: ${result.ok ? '' : result.error}`).toBe(true);
        expect(readVideoStatus(id, root).ok, `${id}/status.json damaged`).toBe(true);
      }
      expect(IDS.some((id) => after[join(id, 'notes.md')] === before[join(id, 'notes.md')])).toBe(true);
      expect(Object.keys(after).filter((f) => f.endsWith('.learnspace-tmp'))).toEqual([]);
    } finally {
      execFileSync('umount', [dir]);
      restore(before);
    }
  });

  it('on a read-only folder says it is not writable and changes nothing', async () => {
    const before = snapshot();
    const dir = generated();
    execFileSync('mount', ['--bind', dir, dir]);
    execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
    try {
      const run = await cli(['process', '--force']);
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/content\/generated\/videos.*\(EROFS: the folder is not writable\)/);
      expect(run.output).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(snapshot()).toEqual(before);
    } finally {
      execFileSync('umount', [dir]);
    }
  });
});
