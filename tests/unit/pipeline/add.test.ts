/** `videos add` in-process, with YouTube's answers replayed: titles and caption languages, and an unreachable YouTube. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAdd } from '../../../scripts/commands/add.ts';
import { untitledVideoWarnings } from '../../../scripts/commands/check.ts';
import { readContent } from '../../../src/lib/content-files.ts';
import { validateContent } from '../../../src/lib/validate-content.ts';
import { createYouTubeSource } from '../../../scripts/pipeline/youtube.ts';
import { replayFetch } from './helpers/replay-fetch.ts';
import { tempProject } from './helpers/temp-content.ts';

let root: string;
let lines: { out: string[]; err: string[] };
beforeEach(() => {
  root = tempProject([]);
  lines = { out: [], err: [] };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const entry = (id: string) => parse(readFileSync(join(root, 'content', 'videos', `${id}.yaml`), 'utf8')) as Record<string, unknown>;
const add = (inputs: string[], title?: string, source = createYouTubeSource({ fetch: replayFetch().fetch })) =>
  runAdd({ root, inputs, title, source, captionLanguages: ['en'], out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) });

describe('videos add', () => {
  it("records YouTube's title and the caption language", async () => {
    expect(await add(['https://youtu.be/aircAruvnKk'])).toBe(0);
    expect(entry('aircAruvnKk')).toEqual({
      youtubeVideoId: 'aircAruvnKk',
      url: 'https://www.youtube.com/watch?v=aircAruvnKk',
      title: 'But what is a neural network? | Deep learning chapter 1',
      languages: ['en'],
    });
    expect(lines.err).toEqual([]);
  });

  it('warns plainly when YouTube cannot be reached and records the title given', async () => {
    expect(await add(['unknownVid1'], 'Backpropagation, intuitively')).toBe(0);
    expect(entry('unknownVid1')).toMatchObject({ title: 'Backpropagation, intuitively' });
    expect(entry('unknownVid1')).not.toHaveProperty('languages');
    expect(lines.err).toEqual([
      expect.stringMatching(
        /^videos: warning: could not get unknownVid1 from YouTube \(cannot get video info from YouTube .*\); recorded the title you gave \("Backpropagation, intuitively"\)$/,
      ),
    ]);
  });

  it('says how to add a title when YouTube answers with a bot check and none was given', async () => {
    expect(await add(['botCheck001'])).toBe(0);
    expect(entry('botCheck001')).not.toHaveProperty('title');
    expect(lines.err.join('\n')).toMatch(
      /not a bot.*the entry has no title yet: add `title:` to content\/videos\/botCheck001\.yaml or run add again with --title/,
    );
  });

  it("prefers the title given over YouTube's, and refuses one title for several videos", async () => {
    await add(['aircAruvnKk'], 'Neural networks, chapter 1');
    expect(entry('aircAruvnKk').title).toBe('Neural networks, chapter 1');
    await expect(add(['noCaption01', 'IHZwWFHWa-w'], 'One title')).rejects.toThrow('--title names one video');
  });

  it('leaves an untitled entry that `npm run check` warns about, until a title is known', async () => {
    await add(['botCheck001']);
    await add(['unknownVid1'], 'Backpropagation, intuitively');
    await add(['aircAruvnKk']);
    const videos = validateContent(readContent(root)).videos;
    expect(untitledVideoWarnings(root, videos)).toEqual([
      'content/videos/botCheck001.yaml: title: no title yet, so the site shows "YouTube video botCheck001"; add `title: ...` to the entry (or run `npm run videos -- process` once YouTube can be reached)',
    ]);
  });
});
