/**
 * A course from a YouTube playlist: `videos add <playlist> --course <slug>` reads every page of the
 * playlist through youtubei.js (replayed), adds the playable videos with the playlist's titles and
 * lengths, and writes a draft course in playlist order that `npm run check` accepts; existing files are kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runAdd } from '../../../scripts/commands/add.ts';
import { parsePlaylistRef } from '../../../scripts/pipeline/youtube-url.ts';
import { createYouTubeSource } from '../../../scripts/pipeline/youtube.ts';
import { readContent } from '../../../src/lib/content-files.ts';
import { validateContent } from '../../../src/lib/validate-content.ts';
import { readVideoStatus } from '../../../src/lib/generated-files.ts';
import { replayFetch } from '../pipeline/helpers/replay-fetch.ts';
import { tempProject } from '../pipeline/helpers/temp-content.ts';

const PLAYLIST = 'PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab';
const URL = `https://www.youtube.com/playlist?list=${PLAYLIST}`;
const ORDER = ['fNk_zzaMoSs', 'k7RM-ot2NWY', 'kYB8IZa5AuE', 'XkY2DOUCWMU', 'rHLEWRxRGiM', 'Ip3X9LOh2dk'];

let root: string;
let lines: { out: string[]; err: string[] };
let requests: string[];

beforeEach(() => {
  root = tempProject([]);
  lines = { out: [], err: [] };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function add(inputs: string[], options: { course?: string; group?: number; title?: string } = {}) {
  const replay = replayFetch();
  requests = replay.requests;
  return runAdd({
    root,
    inputs,
    ...options,
    source: createYouTubeSource({ fetch: replay.fetch }),
    captionLanguages: ['en'],
    out: (l) => lines.out.push(l),
    err: (l) => lines.err.push(l),
  });
}

const read = (rel: string) => parse(readFileSync(join(root, rel), 'utf8')) as Record<string, unknown>;
const courseDir = (slug: string) => join(root, 'content', 'courses', slug);
const tree = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]))
    .sort();

describe('playlist links', () => {
  it('recognises playlist pages and ids, and leaves a video watched inside a playlist a video', () => {
    expect(parsePlaylistRef(URL)).toBe(PLAYLIST);
    expect(parsePlaylistRef(`youtube.com/playlist?list=${PLAYLIST}&si=abc`)).toBe(PLAYLIST);
    expect(parsePlaylistRef(`https://m.youtube.com/playlist/?list=${PLAYLIST}`)).toBe(PLAYLIST);
    expect(parsePlaylistRef(PLAYLIST)).toBe(PLAYLIST);
    expect(parsePlaylistRef(`https://www.youtube.com/watch?v=fNk_zzaMoSs&list=${PLAYLIST}`)).toBeUndefined();
    expect(parsePlaylistRef('https://example.org/playlist?list=' + PLAYLIST)).toBeUndefined();
    expect(parsePlaylistRef('aircAruvnKk')).toBeUndefined();
  });
});

describe('videos add <playlist> --course', () => {
  it('adds every page of the playlist and writes a draft course, one chapter per video, that the check accepts', async () => {
    expect(await add([URL], { course: 'linear-algebra' })).toBe(0);
    // Two pages: the playlist, then its continuation.
    expect(requests).toEqual([`browse.VL${PLAYLIST}`, expect.stringMatching(/^browse\.4qmF/)]);
    expect(readdirSync(join(root, 'content', 'videos')).sort()).toEqual(ORDER.map((id) => `${id}.yaml`).sort());
    expect(read('content/videos/XkY2DOUCWMU.yaml')).toEqual({
      youtubeVideoId: 'XkY2DOUCWMU',
      url: 'https://www.youtube.com/watch?v=XkY2DOUCWMU',
      title: 'Matrix multiplication as composition | Chapter 4, Essence of linear algebra',
    });
    const status = readVideoStatus('XkY2DOUCWMU', root);
    expect(status.ok && status.value).toMatchObject({ status: 'pending', durationSeconds: 595 });

    expect(tree(courseDir('linear-algebra'))).toEqual([
      '01-vectors/01-lecture.yaml',
      '01-vectors/chapter.yaml',
      '02-linear-combinations-span-and-basis-vectors/01-lecture.yaml',
      '02-linear-combinations-span-and-basis-vectors/chapter.yaml',
      '03-linear-transformations-and-matrices/01-lecture.yaml',
      '03-linear-transformations-and-matrices/chapter.yaml',
      '04-matrix-multiplication-as-composition/01-lecture.yaml',
      '04-matrix-multiplication-as-composition/chapter.yaml',
      '05-three-dimensional-linear-transformations/01-lecture.yaml',
      '05-three-dimensional-linear-transformations/chapter.yaml',
      '06-the-determinant/01-lecture.yaml',
      '06-the-determinant/chapter.yaml',
      'course.yaml',
    ]);
    const courseText = readFileSync(join(courseDir('linear-algebra'), 'course.yaml'), 'utf8');
    expect(courseText).toContain(`# A draft made from the YouTube playlist ${URL}.`);
    expect(parse(courseText)).toEqual({
      name: 'Essence of linear algebra',
      description: 'A free course offering the core concept of linear algebra with a visuals-first approach.',
      isPublished: false,
    });
    expect(read('content/courses/linear-algebra/04-matrix-multiplication-as-composition/chapter.yaml')).toEqual({
      name: 'Matrix multiplication as composition',
      order: 4,
    });
    expect(read('content/courses/linear-algebra/04-matrix-multiplication-as-composition/01-lecture.yaml')).toEqual({
      type: 'video',
      order: 1,
      video: 'XkY2DOUCWMU',
    });

    const checked = validateContent(readContent(root));
    expect(checked.problems).toEqual([]);
    const course = checked.courses.find((c) => c.slug === 'linear-algebra')!;
    expect(course.chapters.flatMap((c) => c.items.map((i) => (i.data as { video: string }).video))).toEqual(ORDER);

    expect(lines.err).toEqual(['videos: warning: skipped Q7tP2vYxT0k ("[Private video]"): YouTube lists it but it cannot be played (private or deleted)']);
    expect(lines.out[0]).toBe(`playlist "Essence of linear algebra" (${URL}): 6 videos, 6 added, 0 already in the library`);
    expect(lines.out).toContain('course linear-algebra: 13 files written in content/courses/linear-algebra/ (a draft: isPublished: false)');
  });

  it('groups videos into chapters with --group', async () => {
    expect(await add([URL], { course: 'linear-algebra', group: 4 })).toBe(0);
    expect(tree(courseDir('linear-algebra'))).toEqual([
      '01-part-1/01-vectors.yaml',
      '01-part-1/02-linear-combinations-span-and-basis-vectors.yaml',
      '01-part-1/03-linear-transformations-and-matrices.yaml',
      '01-part-1/04-matrix-multiplication-as-composition.yaml',
      '01-part-1/chapter.yaml',
      '02-part-2/01-three-dimensional-linear-transformations.yaml',
      '02-part-2/02-the-determinant.yaml',
      '02-part-2/chapter.yaml',
      'course.yaml',
    ]);
    expect(read('content/courses/linear-algebra/02-part-2/chapter.yaml')).toEqual({ name: 'Part 2', order: 2 });
    expect(read('content/courses/linear-algebra/02-part-2/02-the-determinant.yaml')).toEqual({ type: 'video', order: 2, video: 'Ip3X9LOh2dk' });
    expect(validateContent(readContent(root)).problems).toEqual([]);
  });

  it('never overwrites existing files, and says which were kept', async () => {
    const dir = courseDir('linear-algebra');
    mkdirSync(join(dir, '01-vectors'), { recursive: true });
    writeFileSync(join(dir, 'course.yaml'), 'name: Linear algebra, my way\nisPublished: true\n');
    writeFileSync(join(dir, '01-vectors', 'chapter.yaml'), 'name: What vectors are\norder: 1\n');
    writeFileSync(
      join(root, 'content', 'videos', 'fNk_zzaMoSs.yaml'),
      'youtubeVideoId: fNk_zzaMoSs\nurl: https://www.youtube.com/watch?v=fNk_zzaMoSs\ntitle: Vectors (my title)\n',
    );
    expect(await add([URL], { course: 'linear-algebra' })).toBe(0);
    expect(readFileSync(join(dir, 'course.yaml'), 'utf8')).toBe('name: Linear algebra, my way\nisPublished: true\n');
    expect(readFileSync(join(dir, '01-vectors', 'chapter.yaml'), 'utf8')).toBe('name: What vectors are\norder: 1\n');
    expect(read('content/videos/fNk_zzaMoSs.yaml').title).toBe('Vectors (my title)');
    expect(lines.out).toContain(
      'kept 2 existing files as they were: content/courses/linear-algebra/course.yaml, content/courses/linear-algebra/01-vectors/chapter.yaml',
    );
    expect(lines.out).toContain('  fNk_zzaMoSs: already in the library (content/videos/fNk_zzaMoSs.yaml); left unchanged');
    expect(existsSync(join(dir, '01-vectors', '01-lecture.yaml'))).toBe(true);
  });

  it('adds only library entries without --course, and refuses options that do not fit', async () => {
    expect(await add([URL])).toBe(0);
    expect(readdirSync(join(root, 'content', 'videos'))).toHaveLength(6);
    expect(existsSync(join(root, 'content', 'courses'))).toBe(false);
    await expect(add([URL], { course: 'Linear Algebra' })).rejects.toThrow(
      '--course: expected a lowercase slug of letters, digits and single hyphens, like "linear-algebra", got "Linear Algebra"',
    );
    await expect(add([URL], { course: 'la', group: 0 })).rejects.toThrow('--group: expected a whole number of videos per chapter (1 or more), got "0"');
    await expect(add(['aircAruvnKk'], { course: 'la' })).rejects.toThrow(
      '--course makes a course from a playlist: give one playlist URL like https://www.youtube.com/playlist?list=',
    );
    expect(existsSync(join(root, 'content', 'courses'))).toBe(false);
  });
});
