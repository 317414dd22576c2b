import { describe, expect, it } from 'vitest';
import { chaptersFromDescription, createYouTubeSource, pickCaptionTrack } from '../../../scripts/pipeline/youtube.ts';
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

  it('says a scheduled live stream has not aired yet, not that it has no captions', async () => {
    const error = createYouTubeSource({ fetch: replayFetch().fetch }).getVideo('liveSoon001', ['en']);
    await expect(error).rejects.toThrow(
      /liveSoon001 is a scheduled live stream that has not aired yet \(YouTube: "This live event will begin in 3 days\."\); process it after the broadcast/,
    );
    await expect(error).rejects.not.toThrow(/no captions/);
  });

  it('says an age-restricted video needs a caption file', async () => {
    await expect(createYouTubeSource({ fetch: replayFetch().fetch }).getVideo('ageGate0001', ['en'])).rejects.toThrow(
      /ageGate0001 is age-restricted on YouTube \("Sign in to confirm your age"\).*commit content\/videos\/ageGate0001\.vtt/,
    );
  });

  it('recognises the bot check and never returns its empty metadata', async () => {
    const source = createYouTubeSource({ fetch: replayFetch().fetch });
    await expect(source.getMetadata('botCheck001')).rejects.toThrow(
      /YouTube asked to confirm this is not a bot \("Sign in to confirm you’re not a bot"\).*from this network/,
    );
    await expect(source.getVideo('botCheck001', ['en'])).rejects.not.toThrow(/no captions/);
  });

  it('says an HTTP 429 is a rate limit and to commit caption files', async () => {
    await expect(createYouTubeSource({ fetch: replayFetch().fetch }).getVideo('rateLimit01', ['en'])).rejects.toThrow(
      /YouTube is rate limiting requests from this network \(HTTP 429 Too Many Requests\).*commit caption files \(content\/videos\/rateLimit01\.vtt\)/,
    );
  });

  it('reads creator chapters from the description when the video has no chapter markers', async () => {
    const meta = await createYouTubeSource({ fetch: replayFetch().fetch }).getMetadata('chaptered01');
    expect(meta.chapters).toEqual([
      { title: 'Intro', startMs: 0 },
      { title: 'Where vectors land', startMs: 105_000 },
      { title: 'Matrix multiplication as composition', startMs: 302_000 },
      { title: 'Three dimensions', startMs: 750_000 },
    ]);
  });

  it('prefers the chapter markers of the watch page over the description', async () => {
    const meta = await createYouTubeSource({ fetch: replayFetch().fetch }).getMetadata('markered001');
    expect(meta.chapters).toEqual([
      { title: 'Intro', startMs: 0 },
      { title: 'Linear means lines stay lines', startMs: 105_000 },
      { title: 'Matrices as transformations', startMs: 302_000 },
    ]);
  });

  it('has no chapters for a video without them', async () => {
    expect((await createYouTubeSource({ fetch: replayFetch().fetch }).getMetadata('noCaption01')).chapters).toBeUndefined();
  });

  it("follows YouTube's chapter rule: from 0:00, at least three, in order", () => {
    expect(chaptersFromDescription('0:00 Intro\n(1:02:03) Deep dive\n1:10:00 - Wrap-up')).toEqual([
      { title: 'Intro', startMs: 0 },
      { title: 'Deep dive', startMs: 3_723_000 },
      { title: 'Wrap-up', startMs: 4_200_000 },
    ]);
    expect(chaptersFromDescription('0:30 Intro\n1:00 Middle\n2:00 End')).toEqual([]);
    expect(chaptersFromDescription('0:00 Intro\n2:00 Middle')).toEqual([]);
    expect(chaptersFromDescription('0:00 Intro\n2:00 Middle\n1:00 Back')).toEqual([]);
    expect(chaptersFromDescription('See 0:00 for the start')).toEqual([]);
  });

  it('reports the caption language a new entry should record', async () => {
    const source = createYouTubeSource({ fetch: replayFetch().fetch });
    await expect(source.getListing('aircAruvnKk', ['de', 'en'])).resolves.toMatchObject({
      captionLanguage: 'de',
      meta: { title: expect.stringContaining('neural network') },
    });
    await expect(source.getListing('aircAruvnKk', ['en'])).resolves.toMatchObject({ captionLanguage: 'en' });
    // None preferred: the video's own (manual) captions, not its auto-generated English.
    await expect(source.getListing('aircAruvnKk', ['ja'])).resolves.toMatchObject({ captionLanguage: 'de' });
    await expect(source.getListing('noCaption01', ['en'])).resolves.toMatchObject({ captionLanguage: undefined });
  });
});
