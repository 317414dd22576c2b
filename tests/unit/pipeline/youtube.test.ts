import { describe, expect, it } from 'vitest';
import { createYouTubeSource, pickCaptionTrack } from '../../../scripts/pipeline/youtube.ts';
import { replayFetch } from './helpers/replay-fetch.ts';

describe('YouTube adapter (youtubei.js with recorded InnerTube responses)', () => {
  it('extracts metadata and the English transcript', async () => {
    const replay = replayFetch();
    const source = createYouTubeSource({ fetch: replay.fetch });
    const { meta, transcript } = await source.getVideo('aircAruvnKk', ['en']);
    expect(meta).toEqual({
      title: 'But what is a neural network? | Deep learning chapter 1',
      channel: '3Blue1Brown',
      durationSeconds: 1118,
      publishedAt: '2017-10-05T08:00:00-07:00',
      thumbnailUrl: 'https://i.ytimg.com/vi/aircAruvnKk/maxresdefault.jpg',
    });
    expect(transcript.language).toBe('en');
    expect(transcript.segments.length).toBe(32);
    expect(transcript.segments[0]).toMatchObject({ startMs: 0, text: expect.stringContaining("this is a three it's sloppily written") });
    expect(replay.requests.map((r) => r.split('.')[0])).toEqual(['player', 'next', 'get_transcript']);
  });

  it('selects the preferred language from the transcript menu', async () => {
    const replay = replayFetch();
    const { transcript } = await createYouTubeSource({ fetch: replay.fetch }).getVideo('aircAruvnKk', ['de', 'en']);
    expect(transcript.language).toBe('de');
    expect(transcript.segments[0]!.text).toMatch(/^Das ist eine Drei/);
    expect(replay.requests.filter((r) => r.startsWith('get_transcript'))).toHaveLength(2);
  });

  it('falls back to the next preferred language', async () => {
    const { transcript } = await createYouTubeSource({ fetch: replayFetch().fetch }).getVideo('aircAruvnKk', ['fr', 'en']);
    expect(transcript.language).toBe('en');
  });

  it('says which languages exist when none of the preferred ones do', async () => {
    await expect(createYouTubeSource({ fetch: replayFetch().fetch }).getVideo('aircAruvnKk', ['ja'])).rejects.toThrow(
      /no captions in ja; the video has captions in en, de .*commit content\/videos\/aircAruvnKk\.vtt/,
    );
  });

  it('fails with an actionable message for a video without captions', async () => {
    await expect(createYouTubeSource({ fetch: replayFetch().fetch }).getVideo('noCaption01', ['en'])).rejects.toThrow(
      'no captions in en; commit content/videos/noCaption01.vtt (or .srt/.txt) with the transcript',
    );
  });

  it('reports an unreachable YouTube as a failure, not a crash', async () => {
    const source = createYouTubeSource({ fetch: replayFetch().fetch });
    await expect(source.getMetadata('unknownVid1')).rejects.toThrow(/cannot get video info from YouTube/);
  });

  it('prefers a manual track over an auto-generated one and matches regional variants', () => {
    const tracks = [
      { name: 'English (auto-generated)', languageCode: 'en', kind: 'asr' },
      { name: 'English (United Kingdom)', languageCode: 'en-GB' },
    ];
    expect(pickCaptionTrack(tracks, ['en'])?.languageCode).toBe('en-GB');
    expect(pickCaptionTrack(tracks, ['en-US'])?.languageCode).toBe('en-GB');
    expect(pickCaptionTrack(tracks, ['de'])).toBeUndefined();
  });
});
