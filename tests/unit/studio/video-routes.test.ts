/**
 * The video library API over real HTTP on 127.0.0.1, against a temporary project: bad input gets
 * the field's message and writes nothing, edits keep the file's comments, caption files are checked
 * by the pipeline's parser, paths never leave content/, and a run waits for nobody: the CLI's lock
 * refuses it plainly, and a run streams its status changes.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createStudioMiddleware } from '../../../src/studio/http.ts';
import { studioRoutes } from '../../../src/studio/routes.ts';
import { createEventHub, type StudioEvent } from '../../../src/studio/events.ts';
import { acquireRunLock } from '../../../scripts/pipeline/material-writer.ts';
import { videoEntrySchema } from '../../../src/lib/schema.ts';
import { FIXTURES, tempProject } from '../pipeline/helpers/temp-content.ts';
import { replayFetch } from '../pipeline/helpers/replay-fetch.ts';
import { createYouTubeSource } from '../../../scripts/pipeline/youtube.ts';
import { readContent } from '../../../src/lib/content-files.ts';
import { validateContent } from '../../../src/lib/validate-content.ts';

const previousNoYouTube = process.env.LEARNSPACE_NO_YOUTUBE;
process.env.LEARNSPACE_NO_YOUTUBE = '1';
afterAll(() => {
  if (previousNoYouTube === undefined) delete process.env.LEARNSPACE_NO_YOUTUBE;
  else process.env.LEARNSPACE_NO_YOUTUBE = previousNoYouTube;
});

let root: string;
let server: Server;
let origin: string;
let events: StudioEvent[];

beforeEach(async () => {
  root = tempProject([
    { id: 'aircAruvnKk', caption: 'aircAruvnKk.vtt' },
    { id: 'IHZwWFHWa-w', title: 'Gradient descent' },
  ]);
  const hub = createEventHub();
  events = [];
  hub.subscribe((event) => events.push(event));
  const context = { projectRoot: root, contentRoot: join(root, 'content') };
  // YouTube's answers are replayed from recordings through youtubei.js's fetch.
  const middleware = createStudioMiddleware({ routes: studioRoutes(context, hub, { youtube: createYouTubeSource({ fetch: replayFetch().fetch }) }), context });
  server = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterEach(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

async function api(path: string, method = 'GET', body?: unknown, from = origin): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${origin}/__studio/api/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', origin: from },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const libraryFiles = () => readdirSync(join(root, 'content', 'videos')).sort();
const entryText = (id: string) => readFileSync(join(root, 'content', 'videos', `${id}.yaml`), 'utf8');

describe('adding a video', () => {
  it("writes a pending entry with YouTube's title, through the same code as `videos add`", async () => {
    const answer = await api('videos', 'POST', { url: 'https://www.youtube.com/watch?v=chaptered01&t=42s' });
    expect(answer.status).toBe(200);
    expect(answer.json.videos).toEqual([
      { id: 'chaptered01', file: 'content/videos/chaptered01.yaml', outcome: 'added', title: 'Linear transformations', warnings: [] },
    ]);
    expect(parse(entryText('chaptered01'))).toEqual({
      youtubeVideoId: 'chaptered01',
      url: 'https://www.youtube.com/watch?v=chaptered01',
      title: 'Linear transformations',
    });
    const listed = (await api('videos')).json.videos as { id: string; status: string; title?: string }[];
    expect(listed.find((v) => v.id === 'chaptered01')).toMatchObject({ status: 'pending', title: 'Linear transformations' });
    expect(events).toContainEqual({ type: 'library' });
  });

  it("answers a URL that is not a YouTube video with the field's message and writes nothing", async () => {
    const before = libraryFiles();
    for (const url of ['https://vimeo.com/76979871', 'https://www.youtube.com/playlist', 'hello']) {
      const answer = await api('videos', 'POST', { url });
      expect(answer.status).toBe(400);
      expect(answer.json.field).toBe('url');
      expect(String(answer.json.error)).toMatch(
        /^YouTube URL: ".+" .+: expected a YouTube URL like https:\/\/www\.youtube\.com\/watch\?v=aircAruvnKk or an 11-character id$/,
      );
    }
    expect((await api('videos', 'POST', { url: '  ' })).json).toEqual({
      error: 'YouTube URL: paste a YouTube link (watch, youtu.be, shorts, live, a playlist) or an 11-character video id',
      field: 'url',
    });
    expect(libraryFiles()).toEqual(before);
    expect(existsSync(join(root, 'content', 'generated'))).toBe(false);
  });

  it('refuses a request from another origin with 403 and writes nothing', async () => {
    const before = libraryFiles();
    const answer = await api('videos', 'POST', { url: 'kYB8IZa5AuE' }, 'http://evil.example');
    expect(answer.status).toBe(403);
    expect(libraryFiles()).toEqual(before);
  });
});

describe('adding a playlist', () => {
  const playlist = 'https://www.youtube.com/playlist?list=PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab';

  it('adds its videos and a draft course in playlist order, valid under the check', async () => {
    const answer = await api('videos', 'POST', { url: playlist, course: 'linear-algebra', group: 3 });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      playlist: { title: 'Essence of linear algebra' },
      skipped: [{ id: 'Q7tP2vYxT0k', title: '[Private video]' }],
      course: { slug: 'linear-algebra', dir: 'content/courses/linear-algebra' },
    });
    expect((answer.json.videos as unknown[]).length).toBe(6);
    expect((answer.json.course as { files: { outcome: string }[] }).files.filter((f) => f.outcome === 'written')).toHaveLength(9);
    expect(validateContent(readContent(root)).problems).toEqual([]);
  });

  it('answers a bad course slug with its field and writes nothing', async () => {
    const before = libraryFiles();
    expect((await api('videos', 'POST', { url: playlist, course: '../escape' })).json).toEqual({
      error: 'Course slug: expected a lowercase slug of letters, digits and single hyphens, like "linear-algebra", got "../escape"',
      field: 'course',
    });
    expect((await api('videos', 'POST', { url: playlist, course: 'la', group: 'two' })).json).toEqual({
      error: 'Videos per chapter: expected a whole number of videos per chapter (1 or more), got "NaN"',
      field: 'group',
    });
    expect((await api('videos', 'POST', { url: 'aircAruvnKk', course: 'la' })).json.field).toBe('course');
    expect(libraryFiles()).toEqual(before);
    expect(existsSync(join(root, 'content', 'courses'))).toBe(false);
  });
});

describe('editing title and chapters', () => {
  it("keeps the file's comments and other fields, and writes chapters one per line", async () => {
    const file = join(root, 'content', 'videos', 'IHZwWFHWa-w.yaml');
    writeFileSync(file, `# Lecture 2 of the series\n${entryText('IHZwWFHWa-w')}languages: [en] # manual captions exist\n`);
    const { version } = ((await api('videos')).json.videos as { id: string; version: string }[]).find((v) => v.id === 'IHZwWFHWa-w')!;
    const answer = await api('videos/IHZwWFHWa-w', 'PUT', {
      title: 'Gradient descent, how networks learn',
      chapters: '0:00 Introduction\n3:05 Cost functions\n1:02:03 Wrap-up',
      version,
    });
    expect(answer.status).toBe(200);
    const text = entryText('IHZwWFHWa-w');
    expect(text).toContain('# Lecture 2 of the series');
    expect(text).toContain('languages: [ en ] # manual captions exist');
    expect(text).toContain('  - { title: Cost functions, startMs: 185000 }');
    expect(videoEntrySchema.parse(parse(text))).toMatchObject({
      title: 'Gradient descent, how networks learn',
      chapters: [
        { title: 'Introduction', startMs: 0 },
        { title: 'Cost functions', startMs: 185_000 },
        { title: 'Wrap-up', startMs: 3_723_000 },
      ],
    });
    expect(events).toContainEqual({ type: 'library' });
  });

  it('answers a bad chapter line with its line number and leaves the file as it was', async () => {
    const before = entryText('IHZwWFHWa-w');
    expect((await api('videos/IHZwWFHWa-w', 'PUT', { chapters: '0:00 Introduction\nCost functions' })).json).toEqual({
      error: 'chapters: line 2: expected a start time and a title like "1:23 Backpropagation", got "Cost functions"',
      field: 'chapters',
    });
    expect((await api('videos/IHZwWFHWa-w', 'PUT', { chapters: '0:00 A\n5:00 B\n4:00 C' })).json.error).toBe(
      'chapters: "C" starts at 4:00, not after "B"; list chapters in time order',
    );
    expect(entryText('IHZwWFHWa-w')).toBe(before);
  });

  it('refuses an edit based on an older read of the file', async () => {
    const { version } = ((await api('videos')).json.videos as { id: string; version: string }[]).find((v) => v.id === 'IHZwWFHWa-w')!;
    writeFileSync(join(root, 'content', 'videos', 'IHZwWFHWa-w.yaml'), `${entryText('IHZwWFHWa-w')}languages: [de]\n`);
    const answer = await api('videos/IHZwWFHWa-w', 'PUT', { title: 'Mine', version });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toBe(
      'content/videos/IHZwWFHWa-w.yaml changed since this page read it (edited in another tab or an editor); reload to see the current file, then make your change again',
    );
    expect(entryText('IHZwWFHWa-w')).toContain('languages: [de]');
  });

  it('refuses ids that would leave the library folder', async () => {
    for (const id of ['..%2F..%2Fpackage', '..%5C..%5Cx', 'aircAruvnKk%00']) {
      const answer = await api(`videos/${id}`, 'PUT', { title: 'x' });
      expect(answer.status).toBe(400);
      expect(String(answer.json.error)).toContain('is not a YouTube video id');
    }
    expect((await api('videos/%E0%A4%A', 'PUT', { title: 'x' })).json).toEqual({
      error: 'the address /__studio/api/videos/%E0%A4%A is not valid percent-encoding',
    });
  });
});

describe('attaching captions', () => {
  const srt = readFileSync(join(FIXTURES, 'captions', 'IHZwWFHWa-w.srt'), 'utf8');

  it('stores a checked caption file where the pipeline reads it', async () => {
    const answer = await api('videos/IHZwWFHWa-w/captions', 'POST', { text: srt, fileName: 'lecture-2.srt' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ file: 'content/videos/IHZwWFHWa-w.srt', replaced: [] });
    expect(Number(answer.json.cues)).toBeGreaterThan(10);
    expect(readFileSync(join(root, 'content', 'videos', 'IHZwWFHWa-w.srt'), 'utf8')).toBe(srt.endsWith('\n') ? srt : `${srt}\n`);
  });

  it("answers unreadable captions with the parser's message naming the line, and writes nothing", async () => {
    const before = libraryFiles();
    const answer = await api('videos/IHZwWFHWa-w/captions', 'POST', {
      text: '1\n00:00:01,000 --> 00:00:04,000\nHello\n\n2\n00:04:35,74.679 --> 00:04:40,000\nBroken\n',
      fileName: 'bad.srt',
    });
    expect(answer.status).toBe(400);
    expect(answer.json.field).toBe('captions');
    expect(String(answer.json.error)).toMatch(/^captions: bad\.srt: line 6: /);
    expect((await api('videos/IHZwWFHWa-w/captions', 'POST', { text: 'just some words' })).json.error).toMatch(
      /^captions: the pasted captions: no timestamped lines found/,
    );
    expect(libraryFiles()).toEqual(before);
  });

  it('refuses to write through a symlink that leads out of content/', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'learnspace-outside-'));
    writeFileSync(join(outside, 'victim.vtt'), 'untouched\n');
    symlinkSync(join(outside, 'victim.vtt'), join(root, 'content', 'videos', 'IHZwWFHWa-w.vtt'));
    const vtt = readFileSync(join(FIXTURES, 'captions', 'aircAruvnKk.vtt'), 'utf8');
    const answer = await api('videos/IHZwWFHWa-w/captions', 'POST', { text: vtt });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe(
      'path: "videos/IHZwWFHWa-w.vtt" leads outside content/ through a symbolic link; the studio writes only to files inside content/',
    );
    expect(readFileSync(join(outside, 'victim.vtt'), 'utf8')).toBe('untouched\n');
    rmSync(outside, { recursive: true, force: true });
  });
});

describe('processing', () => {
  it('refuses plainly while a CLI run holds the lock, and writes no status', async () => {
    const release = await acquireRunLock(root);
    try {
      const answer = await api('videos/aircAruvnKk/process', 'POST', {});
      expect(answer.status).toBe(409);
      expect(String(answer.json.error)).toMatch(
        /^another videos run \(pid \d+.*\) holds the lock on content\/generated\/videos since .+; wait for it to finish/,
      );
      expect(existsSync(join(root, 'content', 'generated', 'videos', 'aircAruvnKk', 'status.json'))).toBe(false);
    } finally {
      await release();
    }
  });

  it("runs the pipeline and streams processing → completed with the CLI's progress lines", async () => {
    const answer = await api('videos/aircAruvnKk/process', 'POST', {});
    expect(answer).toEqual({ status: 202, json: { running: ['aircAruvnKk'] } });
    await expect.poll(() => events.some((e) => e.type === 'run' && e.state === 'finished'), { timeout: 60_000 }).toBe(true);
    const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses).toEqual(['processing', 'completed']);
    const lines = events.flatMap((e) => (e.type === 'progress' ? [e.line] : []));
    expect(lines).toContain('videos: processing 1 video');
    expect(lines.some((l) => /^\[1\/1\] aircAruvnKk completed in [\d.]+s$/.test(l))).toBe(true);
    const listed = (await api('videos')).json.videos as { id: string; status: string; durationSeconds?: number }[];
    expect(listed.find((v) => v.id === 'aircAruvnKk')).toMatchObject({ status: 'completed' });
  }, 90_000);

  it('fails a video without captions when YouTube is off, shows the error, and retries it once captions are attached', async () => {
    await api('videos/IHZwWFHWa-w/process', 'POST', {});
    await expect.poll(() => events.some((e) => e.type === 'run' && e.state === 'finished'), { timeout: 60_000 }).toBe(true);
    const failed = ((await api('videos')).json.videos as { id: string; status: string; error?: string }[]).find((v) => v.id === 'IHZwWFHWa-w');
    expect(failed).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('YouTube is switched off (LEARNSPACE_NO_YOUTUBE) and there is no caption file'),
    });
    await api('videos/IHZwWFHWa-w/captions', 'POST', { text: readFileSync(join(FIXTURES, 'captions', 'IHZwWFHWa-w.srt'), 'utf8') });
    events.length = 0;
    expect((await api('videos/IHZwWFHWa-w/retry', 'POST', {})).status).toBe(202);
    await expect.poll(() => events.some((e) => e.type === 'run' && e.state === 'finished'), { timeout: 60_000 }).toBe(true);
    expect(events.flatMap((e) => (e.type === 'status' ? [e.status] : []))).toEqual(['processing', 'completed']);
  }, 120_000);
});
