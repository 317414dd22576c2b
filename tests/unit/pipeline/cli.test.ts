import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type LocalOpenAI } from './helpers/openai-server.ts';
import { tempProject } from './helpers/temp-content.ts';

const REPO = join(import.meta.dirname, '../../..');
const BIN = join(REPO, 'node_modules/.bin');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(root: string, args: string[], env: Record<string, string> = {}): { done: Promise<Run> } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI_|LEARNSPACE_|NOTES_GEN|QUIZ_GEN)/.test(k)));
  const child = spawn(join(BIN, 'node'), [join(REPO, 'scripts/videos.ts'), ...args], {
    cwd: root,
    env: { ...clean, PATH: `${BIN}:${process.env.PATH}`, LEARNSPACE_CONTENT: 'content', LEARNSPACE_NO_YOUTUBE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) };
}
const run = (root: string, args: string[], env?: Record<string, string>) => cli(root, args, env).done;

let root: string;
const gen = (...p: string[]) => join(root, 'content/generated/videos', ...p);
const statusOf = (id: string) => JSON.parse(readFileSync(gen(id, 'status.json'), 'utf8')) as { status: string; attempts: number; error?: string };

beforeEach(() => {
  root = tempProject([
    { id: 'aircAruvnKk', caption: 'aircAruvnKk.vtt', title: 'But what is a neural network?' },
    { id: 'IHZwWFHWa-w', caption: 'IHZwWFHWa-w.srt' },
  ]);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm run videos (end to end)', { timeout: 90_000 }, () => {
  it('adds videos from any URL form, reports existing entries and rejects non-YouTube input', async () => {
    const added = await run(root, ['add', 'https://youtu.be/Ilg3gGewQ5U?t=10', 'https://www.youtube.com/watch?v=aircAruvnKk&list=PLx']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Ilg3gGewQ5U: added content/videos/Ilg3gGewQ5U.yaml');
    expect(added.stdout).toContain('aircAruvnKk: already in the library (content/videos/aircAruvnKk.yaml, status pending); left unchanged');
    expect(readFileSync(join(root, 'content/videos/Ilg3gGewQ5U.yaml'), 'utf8')).toBe(
      'youtubeVideoId: Ilg3gGewQ5U\nurl: https://www.youtube.com/watch?v=Ilg3gGewQ5U\n',
    );
    expect(statusOf('Ilg3gGewQ5U')).toMatchObject({ status: 'pending', attempts: 0 });

    const rejected = await run(root, ['add', 'https://vimeo.com/76979871']);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('videos: "https://vimeo.com/76979871" is not on YouTube (host vimeo.com): expected a YouTube URL');
  });

  it('processes offline, shows status as JSON, and does nothing on the second run', async () => {
    const first = await run(root, ['process']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('videos: no OPENAI_API_KEY: using the offline extractive provider');
    expect(first.stdout).toContain('videos: 2 processed, 0 failed, 0 already up to date');

    const status = await run(root, ['status', '--json']);
    expect(JSON.parse(status.stdout)).toEqual([
      expect.objectContaining({ id: 'IHZwWFHWa-w', status: 'completed', attempts: 1 }),
      expect.objectContaining({ id: 'aircAruvnKk', status: 'completed', attempts: 1, provider: 'offline/wink-nlp-extractive-v2' }),
    ]);

    const second = await run(root, ['process', '--quiet'], { LEARNSPACE_NO_YOUTUBE: '' });
    expect(second).toMatchObject({ code: 0, stdout: 'videos: 2 completed, nothing to do\n' });
    expect(second.stderr).toBe('');
  });

  it("loads no model, SDK or image library on a run with nothing to do, as in every build's prebuild", async () => {
    expect((await run(root, ['process'])).code).toBe(0);
    const record = join(root, 'imports.txt');
    const again = await run(root, ['process', '--quiet'], {
      RECORD_IMPORTS: record,
      NODE_OPTIONS: `--import=${join(import.meta.dirname, 'helpers/record-imports.mjs')}`,
    });
    expect(again).toMatchObject({ code: 0, stdout: 'videos: 2 completed, nothing to do\n' });
    const loaded = readFileSync(record, 'utf8');
    expect(loaded).toContain('scripts/pipeline/process-videos.ts');
    for (const heavy of ['/wink-nlp/', '/wink-eng-lite-web-model/', '/sharp/', '/openai/', '/youtubei.js/', 'offline-provider.ts'])
      expect(loaded, heavy).not.toContain(heavy);
  });

  it('makes no model call on a second run with a real provider', async () => {
    const server: LocalOpenAI = await startOpenAIServer();
    try {
      const env = { OPENAI_API_KEY: 'sk-e2e', OPENAI_BASE_URL: server.baseURL };
      expect((await run(root, ['process', '--json'], env)).code).toBe(0);
      const calls = server.requests.length;
      expect(calls).toBe(4);
      const again = await run(root, ['process', '--json'], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ provider: 'openai', outcomes: [], upToDate: ['IHZwWFHWa-w', 'aircAruvnKk'] });
      expect(server.requests.length).toBe(calls);
      expect(again.stdout + again.stderr).not.toContain('sk-e2e');
    } finally {
      await server.close();
    }
  });

  it('keeps model-written notes in a keyless run and says so; --provider offline replaces them', async () => {
    const server: LocalOpenAI = await startOpenAIServer();
    try {
      expect((await run(root, ['process', '--quiet'], { OPENAI_API_KEY: 'sk-e2e', OPENAI_BASE_URL: server.baseURL })).code).toBe(0);
    } finally {
      await server.close();
    }
    const written = readFileSync(gen('aircAruvnKk', 'notes.md'), 'utf8') + readFileSync(gen('aircAruvnKk', 'quiz.yaml'), 'utf8');
    const keyless = await run(root, ['process']);
    expect(keyless.code).toBe(0);
    expect(keyless.stderr).toContain(
      'videos: kept model-written notes and quiz of 2 videos: IHZwWFHWa-w (gpt-5-mini; would have run: inputs changed), aircAruvnKk (gpt-5-mini; would have run: inputs changed).',
    );
    expect(keyless.stderr).toContain('Set OPENAI_API_KEY to regenerate them, or run `npm run videos -- process --provider offline`');
    expect(keyless.stdout).toBe('videos: 0 completed, 2 kept as written by a model (no key in this run), nothing to do\n');
    expect(readFileSync(gen('aircAruvnKk', 'notes.md'), 'utf8') + readFileSync(gen('aircAruvnKk', 'quiz.yaml'), 'utf8')).toBe(written);

    const json = JSON.parse((await run(root, ['process', '--json'])).stdout);
    expect(json).toMatchObject({ outcomes: [], kept: [{ id: 'IHZwWFHWa-w', model: 'gpt-5-mini', wouldHaveRun: 'inputs changed' }, { id: 'aircAruvnKk' }] });

    const replaced = await run(root, ['process', '--provider', 'offline', '--json']);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ provider: 'offline', outcomes: [{ status: 'completed' }, { status: 'completed' }], kept: [] });
    expect(readFileSync(gen('aircAruvnKk', 'notes.md'), 'utf8')).toMatch(/^generator:\n  provider: offline$/m);
  });

  it('prints no credential from the configuration, even in a failure and a configuration error', async () => {
    // Assembled at run time so the source holds nothing shaped like a committed key.
    const cliKey = ['sk', 'clitestsecretkey1234'].join('-');
    const env = { OPENAI_API_KEY: cliKey, OPENAI_BASE_URL: 'http://cliuser:clipassword1@127.0.0.1:9/v1?api-key=cliquerytoken1', LEARNSPACE_MAX_RETRIES: '0' };
    const failed = await run(root, ['process', 'aircAruvnKk'], env);
    const bad = await run(root, ['process'], { QUIZ_GENERATION_ENDPOINT: 'ftp://cliuser:clipassword1@host/?token=cliquerytoken1' });
    const output = [failed, bad].map((r) => r.stdout + r.stderr).join('\n') + readFileSync(gen('aircAruvnKk', 'status.json'), 'utf8');
    expect(failed.stdout).toContain('aircAruvnKk  failed');
    expect(bad.stderr).toContain('QUIZ_GENERATION_ENDPOINT: expected an http(s) URL');
    for (const secret of [cliKey, 'cliuser', 'clipassword1', 'cliquerytoken1']) expect(output).not.toContain(secret);
  });

  it('adds a video with the title given when YouTube is off, and warns about one without', async () => {
    const titled = await run(root, ['add', 'Ilg3gGewQ5U', '--title', 'Backpropagation, step by step']);
    expect(titled.stdout).toContain('Ilg3gGewQ5U: added content/videos/Ilg3gGewQ5U.yaml ("Backpropagation, step by step"; pending');
    expect(readFileSync(join(root, 'content/videos/Ilg3gGewQ5U.yaml'), 'utf8')).toContain('title: Backpropagation, step by step');
    const untitled = await run(root, ['add', 'XkY2DOUCWMU']);
    expect(untitled.stderr).toContain(
      'videos: warning: YouTube is switched off (LEARNSPACE_NO_YOUTUBE), so XkY2DOUCWMU has no title yet: add `title:` to content/videos/XkY2DOUCWMU.yaml',
    );
  });

  it('picks up a video a killed run left processing, and takes over its stale lock', async () => {
    await run(root, ['process']);
    writeFileSync(gen('aircAruvnKk', 'status.json'), JSON.stringify({ status: 'processing', attempts: 1, updatedAt: '2026-01-01T00:00:00Z' }));
    mkdirSync(gen('.pipeline.lock'));
    const old = new Date(Date.now() - 60_000);
    utimesSync(gen('.pipeline.lock'), old, old);
    const result = await run(root, ['process', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).outcomes).toMatchObject([{ id: 'aircAruvnKk', status: 'completed', reason: 'interrupted', attempts: 2 }]);
    expect(existsSync(gen('.pipeline.lock'))).toBe(false);
  });

  it('tells a concurrent run that another run holds the lock', async () => {
    const server = await startOpenAIServer();
    server.latencyMs = 5000;
    try {
      const first = cli(root, ['process', '--quiet'], { OPENAI_API_KEY: 'sk-e2e', OPENAI_BASE_URL: server.baseURL });
      while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 50));
      const second = await run(root, ['process']);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        /^videos: another videos run \(pid \d+\) holds the lock on content\/generated\/videos since \d{4}-\d\d-\d\dT.*; wait for it to finish/,
      );
      expect((await first.done).code).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('names a hand-edited cache file that no longer parses and re-processes only that video', async () => {
    await run(root, ['process']);
    writeFileSync(gen('IHZwWFHWa-w', 'status.json'), '{"status": "completed", oops');
    const result = await run(root, ['process', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/content\/generated\/videos\/IHZwWFHWa-w\/status\.json is not valid JSON/);
    expect(JSON.parse(result.stdout)).toMatchObject({
      outcomes: [{ id: 'IHZwWFHWa-w', status: 'completed', reason: 'unreadable cache' }],
      upToDate: ['aircAruvnKk'],
    });
  });

  it('exits 1 on a failure only with --strict, and retry processes failed videos again', async () => {
    writeFileSync(join(root, 'content/videos/noCaption01.yaml'), 'youtubeVideoId: noCaption01\nurl: https://www.youtube.com/watch?v=noCaption01\n');
    const lenient = await run(root, ['process']);
    expect(lenient.code).toBe(0);
    expect(statusOf('noCaption01').error).toContain('there is no caption file; commit content/videos/noCaption01.vtt');
    expect((await run(root, ['process', '--strict'])).code).toBe(0);
    const retried = await run(root, ['retry', '--all-failed', '--strict']);
    expect(retried.code).toBe(1);
    expect(statusOf('noCaption01')).toMatchObject({ status: 'failed', attempts: 2 });
    const listed = await run(root, ['status']);
    expect(listed.stdout).toMatch(/failed \(1\)[\s\S]*noCaption01\s+2/);
  });

  it('reports a broken learnspace.config.json in plain words', async () => {
    writeFileSync(join(root, 'learnspace.config.json'), JSON.stringify({ concurrency: 'lots', notesModle: 'x' }));
    const result = await run(root, ['process']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('learnspace.config.json: concurrency: expected a number, got "lots"');
    expect(result.stderr).toContain('learnspace.config.json: notesModle: unknown field');
  });

  it('fails clearly when the cache folder cannot be written, and writes nothing half-way', async () => {
    mkdirSync(join(root, 'content/generated'), { recursive: true });
    writeFileSync(join(root, 'content/generated/videos'), 'not a folder');
    const result = await run(root, ['process']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/videos: cannot create content\/generated\/videos \((EEXIST|ENOTDIR): a file is in the way of the folder\)/);
  });
});
