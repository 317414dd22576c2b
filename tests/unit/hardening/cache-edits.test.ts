/**
 * Material edited by hand (or broken in a merge) is noticed however the
 * files' timestamps fall (a fresh git checkout writes them in any order): the
 * status file records the material's digest, and material that is not the one
 * recorded is read and validated again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectWithSampleVideos, runVideosCli } from './helpers/videos-cli.ts';

const IDS = ['aircAruvnKk', 'IHZwWFHWa-w'];
let root: string;
const gen = (...f: string[]) => join(root, 'content', 'generated', 'videos', ...f);

const cli = (args: string[]) => runVideosCli(root, args);

beforeAll(async () => {
  root = projectWithSampleVideos('learnspace-edits-', IDS);
  expect((await cli(['process'])).code).toBe(0);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a hand-edited material file', () => {
  it('is named, regenerated and leaves the other videos alone, even when its status file looks newer', async () => {
    const other = readFileSync(gen(IDS[1]!, 'quiz.yaml'), 'utf8');
    writeFileSync(gen(IDS[0]!, 'quiz.yaml'), readFileSync(gen(IDS[0]!, 'quiz.yaml'), 'utf8').replace(/^questions:/m, 'questions: [oops'));
    const later = new Date(Date.now() + 60_000);
    utimesSync(gen(IDS[0]!, 'status.json'), later, later);

    const run = await cli(['process']);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(new RegExp(`content/generated/videos/${IDS[0]}/quiz\\.yaml: line \\d+, column \\d+: invalid YAML`));
    expect(run.output).toMatch(/1 processed/);
    expect(readFileSync(gen(IDS[0]!, 'quiz.yaml'), 'utf8')).toMatch(/^questions:$/m);
    expect(readFileSync(gen(IDS[1]!, 'quiz.yaml'), 'utf8')).toBe(other);
  });

  it('costs nothing once the cache is consistent again', async () => {
    const run = await cli(['process']);
    expect(run.output).toContain('2 completed, nothing to do');
  });
});
