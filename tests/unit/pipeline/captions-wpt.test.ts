// The W3C web-platform-tests WebVTT file-parsing suite, run against our WebVTT parser and then through the
// transcript reader (fixtures and their licence: tests/fixtures/pipeline/captions/wpt-webvtt/README.md).
import { describe, expect, it } from 'vitest';
import { cleanCaptionLine, parseCaptions, parseWebVtt, type WebVttCue } from '../../../scripts/pipeline/captions.ts';
import { wptExpectations, wptFiles, wptVtt, type WptCue, type WptResult } from './helpers/wpt-webvtt.ts';

/** Our cue as the suite's VTTCue (seconds instead of milliseconds). */
function asVttCue(cue: WebVttCue): WptCue {
  const { startMs, endMs, fileLine: _line, ...rest } = cue;
  return { ...rest, startTime: startMs / 1000, endTime: endMs / 1000 };
}

function parseForSuite(vtt: string): WptResult {
  const file = parseWebVtt(vtt);
  return { cues: file.cues.map(asVttCue), regions: file.regions, stylesheets: file.stylesheets };
}

describe('WebVTT parser against the web-platform-tests file-parsing suite', () => {
  it('covers all 24 files of the suite', () => {
    expect(wptFiles).toHaveLength(24);
    expect(Object.keys(wptExpectations).sort()).toEqual(wptFiles);
  });

  for (const file of wptFiles) {
    it(file, () => {
      wptExpectations[file]!(parseForSuite(wptVtt(file)));
    });
  }
});

// Transcript choices that differ from a player's cue list, each named where it applies.
const EMPTY_FILES = new Set(['signature-no-newline.test', 'stylesheets-none.test']);

describe('transcripts of the suite files', () => {
  for (const file of wptFiles) {
    const vtt = wptVtt(file);
    if (EMPTY_FILES.has(file)) {
      it(`${file}: refuses a file without cues, saying what to add (transcript choice: refusing an empty file)`, () => {
        expect(() => parseCaptions(vtt, `${file}.vtt`)).toThrow(
          `${file}.vtt: no caption text found in the WebVTT cues; add cues like "00:00:01.000 --> 00:00:04.000" followed by their text`,
        );
      });
      continue;
    }
    it(`${file}: the transcript holds every cue's text once, in time order, and never a timing, NOTE, STYLE or REGION line`, () => {
      const { cues } = parseWebVtt(vtt);
      const { segments, warnings } = parseCaptions(vtt, `${file}.vtt`);
      const texts = segments.map((s) => s.text);
      // Transcript choice: merging repeated lines. A cue repeating the lines just shown (rolling captions) adds nothing.
      const expected: string[] = [];
      let shown: string[] = [];
      for (const cue of [...cues].sort((a, b) => a.startMs - b.startMs)) {
        const lines = cue.text.split('\n').map(cleanCaptionLine).filter(Boolean);
        const fresh = lines.filter((line) => !shown.includes(line));
        if (fresh.length > 0) expected.push(fresh.join(' '));
        if (lines.length > 0) shown = lines;
      }
      expect(texts).toEqual(expected);
      expect(texts.join('\n')).not.toMatch(/-->|^NOTE|^STYLE|^REGION|::cue/m);
      for (let i = 1; i < segments.length; i++) expect(segments[i]!.startMs).toBeGreaterThanOrEqual(segments[i - 1]!.endMs);
      for (const segment of segments) expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
      for (const warning of warnings) expect(warning).toMatch(new RegExp(`^${file.replace('.', '\\.')}\\.vtt: line \\d+: skipped the cue at "`));
    });
  }
});
