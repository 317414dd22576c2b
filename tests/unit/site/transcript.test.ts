import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transcriptBlocks, transcriptSentences } from '../../../src/browser/transcript.ts';
import { parseCaptions } from '../../../scripts/pipeline/captions.ts';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/pipeline/captions', name);
const cue = (startMs: number, endMs: number, text: string) => ({ startMs, endMs, text });

/** Cues as YouTube's transcript panel gives them for 3Blue1Brown's "Matrix multiplication as composition": punctuated, cut mid-sentence. */
const fragments = [
  cue(11_000, 14_120, 'Hey everyone, where we last left off, I showed what linear transformations look like'),
  cue(14_120, 16_200, 'and how to represent them using matrices.'),
  cue(16_200, 20_440, "So moving forward, I'll be assuming that you have a visual understanding"),
  cue(20_440, 24_000, 'of linear transformations and how they relate to matrices. This is worth a quick recap,'),
  cue(24_000, 26_500, 'because it is really important.'),
];

describe('transcript as sentences', () => {
  it('merges caption fragments into whole sentences, each starting where its first word is said', () => {
    expect(transcriptSentences(fragments)).toEqual([
      {
        startMs: 11_000,
        text: 'Hey everyone, where we last left off, I showed what linear transformations look like and how to represent them using matrices.',
      },
      {
        startMs: 16_200,
        text: "So moving forward, I'll be assuming that you have a visual understanding of linear transformations and how they relate to matrices.",
      },
      { startMs: 20_440, text: 'This is worth a quick recap, because it is really important.' },
    ]);
  });

  it('keeps every word of real unpunctuated YouTube captions, in order, in readable lines that start at real cue times', () => {
    const { segments } = parseCaptions(readFileSync(fixture('aircAruvnKk.vtt'), 'utf8'), 'aircAruvnKk.vtt');
    const lines = transcriptSentences(segments);
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    expect(lines.flatMap((l) => words(l.text))).toEqual(segments.flatMap((s) => words(s.text)));
    expect(lines.length).toBeLessThan(segments.length / 3);
    const cueStarts = new Set(segments.map((s) => s.startMs));
    for (const line of lines) {
      expect(cueStarts.has(line.startMs)).toBe(true);
      expect(line.text.length).toBeLessThan(260);
    }
    expect(new Set(lines.map((l) => l.startMs)).size).toBe(lines.length);
  });

  it('groups sentences under the lecture chapters, the first chapter taking any line before it', () => {
    const blocks = transcriptBlocks(fragments, [
      { title: 'Recap', startMs: 12_000 },
      { title: 'Why it matters', startMs: 20_000 },
    ]);
    expect(blocks.map((b) => [b.title, b.startMs, b.lines.length])).toEqual([
      ['Recap', 11_000, 2],
      ['Why it matters', 20_440, 1],
    ]);
  });

  it('groups into minute blocks with no title when the lecture has no chapters', () => {
    const { segments } = parseCaptions(readFileSync(fixture('aircAruvnKk.vtt'), 'utf8'), 'aircAruvnKk.vtt');
    const blocks = transcriptBlocks(segments);
    expect(blocks.length).toBeGreaterThan(2);
    for (const [i, block] of blocks.entries()) {
      expect(block.title).toBeUndefined();
      expect(block.startMs).toBe(block.lines[0]!.startMs);
      if (i > 0) expect(block.startMs - blocks[i - 1]!.startMs).toBeGreaterThanOrEqual(60_000);
    }
  });
});
