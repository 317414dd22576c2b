/** What the site shows about a video's pipeline state: titles, lengths, learner notices and course status. */
import { describe, expect, it } from 'vitest';
import { courseShownStatus, learnerVideoNotice, learnerVideoState, videoDurationSeconds, videoTitle } from '../../../src/lib/video-state.ts';
import type { VideoResult, VideoStatusFile } from '../../../src/lib/schema.ts';

const at = '2026-01-01T00:00:00Z';
const completed: VideoStatusFile = { status: 'completed', attempts: 1, updatedAt: at };
const failed: VideoStatusFile = { status: 'failed', attempts: 2, updatedAt: at, error: 'connect ECONNREFUSED 127.0.0.1:9 at http://[redacted]@127.0.0.1:9/v1' };
const pending: VideoStatusFile = { status: 'pending', attempts: 0, updatedAt: at };
const result = { meta: { title: 'But what is a neural network?', channel: '3Blue1Brown', durationSeconds: 1118 } } as VideoResult;

describe('a video on the site', () => {
  it('shows a title added to the entry after processing, without new material', () => {
    expect(videoTitle('aircAruvnKk', { title: 'Neural networks, chapter 1' }, completed, result)).toBe('Neural networks, chapter 1');
    expect(videoTitle('aircAruvnKk', {}, completed, result)).toBe('But what is a neural network?');
    expect(videoTitle('aircAruvnKk', { title: '  ' }, { ...failed, title: 'From a failed run' }, null)).toBe('From a failed run');
    expect(videoTitle('aircAruvnKk', {}, pending, null)).toBe('YouTube video aircAruvnKk');
  });

  it('knows the length of a video whose processing failed after reading it', () => {
    expect(videoDurationSeconds({ ...failed, durationSeconds: 754 }, null)).toBe(754);
    expect(videoDurationSeconds(failed, result)).toBe(1118);
    expect(videoDurationSeconds(pending, null)).toBe(0);
  });

  it('tells learners a plain sentence, never the pipeline error', () => {
    expect(learnerVideoState(failed, true)).toBe('refresh-failed');
    expect(learnerVideoNotice('refresh-failed')).toBe('Notes for this lecture could not be refreshed; showing the last version.');
    expect(learnerVideoState(failed, false)).toBe('preparing');
    expect(learnerVideoState(pending, false)).toBe('preparing');
    expect(learnerVideoNotice('preparing')).toBe('Notes for this lecture are being prepared. You can already watch it.');
    expect(learnerVideoState(completed, true)).toBe('ready');
    expect(learnerVideoState({ ...pending, status: 'processing' }, true)).toBe('ready');
    expect(learnerVideoNotice('ready')).toBe('');
  });
});

describe("a course's shown status", () => {
  it('stays ready for learners when a refresh fails but the last material is served', () => {
    const videos = [
      { status: completed, result },
      { status: { ...failed, servingPrevious: true }, result },
    ];
    expect(courseShownStatus('ready', videos)).toBe('ready');
    expect(courseShownStatus('ready', videos, 'instructor')).toBe('failed');
  });

  it('is generating while a video has no material yet, failed or not', () => {
    expect(courseShownStatus('ready', [{ status: failed, result: null }])).toBe('generating');
    expect(courseShownStatus('ready', [{ status: pending, result: null }])).toBe('generating');
    expect(courseShownStatus('ready', [{ status: completed, result }])).toBe('ready');
  });

  it('keeps what the instructor wrote: draft always, failed when nothing else says otherwise', () => {
    expect(courseShownStatus('draft', [{ status: pending, result: null }])).toBe('draft');
    expect(courseShownStatus('failed', [{ status: completed, result }])).toBe('failed');
  });
});
