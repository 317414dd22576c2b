// Sharding: `videos process --shard i/n` takes a stable, disjoint share of the library, and shards' outputs merge without conflicts.
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shardOf } from '../../../scripts/pipeline/needs-work.ts';
import { parseShard } from '../../../scripts/commands/process.ts';
import { startOpenAIServer, type LocalOpenAI } from './helpers/openai-server.ts';
import { tempProject } from './helpers/temp-content.ts';

const REPO = join(import.meta.dirname, '../../..');
/** Video ids shaped like YouTube's (11 characters of [A-Za-z0-9_-]). */
const idsFor = (count: number, seed = 'lec') => Array.from({ length: count }, (_, i) => `${seed}${String(i).padStart(8 - seed.length + 3, '0')}`.slice(0, 11));

describe('shard selection', () => {
  it('puts every video in exactly one of 4 shards, each holding a fair share', () => {
    const ids = idsFor(400);
    const shards = [1, 2, 3, 4].map((index) => ids.filter((id) => shardOf(id, 4) === index));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(70);
  });

  it('keeps every video in its shard when videos are added or the list is reordered', () => {
    const before = new Map(idsFor(100).map((id) => [id, shardOf(id, 4)]));
    const grown = [...idsFor(20, 'new'), ...idsFor(100).reverse()];
    for (const id of grown) if (before.has(id)) expect(shardOf(id, 4)).toBe(before.get(id));
  });

  it('explains a malformed --shard', () => {
    for (const bad of ['5/4', '0/4', '2', 'two/four', '1/0'])
      expect(() => parseShard(bad)).toThrow(`--shard expects i/n with 1 ≤ i ≤ n, e.g. 2/4; got "${bad}"`);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });
});

let server: LocalOpenAI;
let root: string;
const IDS = idsFor(12);

function cli(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI_|LEARNSPACE_|NOTES_GEN|QUIZ_GEN)/.test(k)));
  const child = spawn(process.execPath, [join(REPO, 'scripts/videos.ts'), ...args], {
    cwd,
    env: {
      ...clean,
      LEARNSPACE_CONTENT: 'content',
      LEARNSPACE_NO_YOUTUBE: '1',
      OPENAI_API_KEY: 'local',
      OPENAI_BASE_URL: server.baseURL,
      LEARNSPACE_MAX_RETRIES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Every file under content/ with its modification time, relative to the project. */
function snapshot(project: string): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(project, path), statSync(path).mtimeMs);
    }
  };
  walk(join(project, 'content'));
  return files;
}

beforeEach(async () => {
  server = await startOpenAIServer();
  root = tempProject(IDS.map((id) => ({ id, caption: 'IHZwWFHWa-w.srt' })));
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('videos process --shard', { timeout: 240_000 }, () => {
  it('runs 4 shards in parallel on 4 checkouts; each writes only its own videos, and together they cover the library once', async () => {
    const checkouts = [1, 2, 3, 4].map((i) => {
      const copy = `${root}-shard${i}`;
      cpSync(root, copy, { recursive: true });
      return copy;
    });
    try {
      const before = checkouts.map(snapshot);
      const runs = await Promise.all(checkouts.map((copy, i) => cli(copy, ['process', '--shard', `${i + 1}/4`])));
      const written = checkouts.map((copy, i) => {
        const after = snapshot(copy);
        return [...after].filter(([file, mtime]) => before[i]?.get(file) !== mtime).map(([file]) => file);
      });
      runs.forEach((run, i) => {
        const mine = IDS.filter((id) => shardOf(id, 4) === i + 1);
        expect(run.code).toBe(0);
        expect(run.stderr).toContain(`videos: shard ${i + 1}/4: ${mine.length} of ${IDS.length} videos`);
        expect(run.stdout).toContain(`videos: ${mine.length} processed, 0 failed`);
        // Only the shard's own folders changed: nothing shared (no report, no index) is written per run.
        const folders = new Set(written[i]?.filter((f) => !f.endsWith('.pipeline.lock')).map((f) => f.split('/').slice(0, 4).join('/')));
        expect([...folders].sort()).toEqual(mine.map((id) => `content/generated/videos/${id}`).sort());
      });
      const all = written.flat().filter((f) => !f.endsWith('.pipeline.lock'));
      expect(new Set(all).size).toBe(all.length);
      expect(new Set(all.map((f) => f.split('/')[3])).size).toBe(IDS.length);
    } finally {
      for (const copy of checkouts) rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses a malformed --shard with the usage', async () => {
    const run = await cli(root, ['process', '--shard', '5/4']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('videos: --shard expects i/n with 1 ≤ i ≤ n, e.g. 2/4; got "5/4"');
  });
});
