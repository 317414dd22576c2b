import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanCaptionLine, detectCaptionFormat, parseCaptions } from '../../../scripts/pipeline/captions.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/pipeline/captions', name), 'utf8');

describe('caption files', () => {
  it('reads YouTube auto-captions without styling tags, inline timestamps or rolling duplicates', () => {
    const { format, segments } = parseCaptions(fixture('aircAruvnKk.vtt'), 'aircAruvnKk.vtt');
    expect(format).toBe('vtt');
    expect(segments[0]).toEqual({ startMs: 0, endMs: 2660, text: "this is a three it's sloppily written" });
    expect(segments[1]!.text).toBe('and rendered at an extremely low resolution');
    const all = segments.map((s) => s.text).join(' ');
    expect(all).not.toMatch(/<|>|&amp;/);
    // Every caption line appears once although the file shows each line twice (rolling) plus a 10 ms repeat cue.
    expect(all.match(/and rendered at an extremely low resolution/g)).toHaveLength(1);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.startMs).toBeGreaterThanOrEqual(segments[i - 1]!.endMs);
  });

  it('reads SRT with a BOM, CRLF line endings, italics, entities and overlapping cues', () => {
    const raw = fixture('IHZwWFHWa-w.srt');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(raw).toContain('\r\n');
    const { format, segments } = parseCaptions(raw, 'IHZwWFHWa-w.srt');
    expect(format).toBe('srt');
    expect(segments).toHaveLength(26);
    expect(segments[0]).toEqual({ startMs: 1500, endMs: 8850, text: 'Last video we laid out the structure of a neural network; now we look at how it learns.' });
    expect(segments[3]!.text).toBe('To start, we initialize all the weights and biases totally randomly, so the network performs horribly.');
    expect(segments[5]!.text).toContain('differences & gaps');
    for (let i = 1; i < segments.length; i++) expect(segments[i - 1]!.endMs).toBeLessThanOrEqual(segments[i]!.startMs);
  });

  it('reads timestamped text in "0:00 text" and "[00:01:02] text" forms, ignoring an untimed title', () => {
    const { format, segments } = parseCaptions(fixture('Ilg3gGewQ5U.txt'), 'Ilg3gGewQ5U.txt');
    expect(format).toBe('text');
    expect(segments[0]).toEqual({ startMs: 1000, endMs: 8000, text: 'Last video we laid out the structure of a neural network; now we look at how it learns.' });
    expect(segments[1]!.startMs).toBe(8000);
    expect(segments.at(-1)!.endMs).toBeGreaterThan(segments.at(-1)!.startMs);
  });

  it('handles WebVTT quirks: NOTE and STYLE blocks, cue ids, cue settings, voice tags, short timestamps', () => {
    const vtt = 'WEBVTT\n\nSTYLE\n::cue { color: lime }\n\nNOTE written by hand\nover two lines\n\nintro\n00:01.000 --> 00:04.000 line:0 position:20%\n<v Grant>Hello &lt;world&gt;</v>\n\n00:00:04.000 --> 00:00:06.000\n<b>Second</b> cue&nbsp;here\n';
    expect(parseCaptions(vtt, 'x.vtt').segments).toEqual([
      { startMs: 1000, endMs: 4000, text: 'Hello <world>' },
      { startMs: 4000, endMs: 6000, text: 'Second cue here' },
    ]);
  });

  it('cleans caption lines', () => {
    expect(cleanCaptionLine('so<00:00:01.120><c> this</c><c.colorE5E5E5> is</c>')).toBe('so this is');
    expect(cleanCaptionLine('{\\an8}<i>Top &#8212; text &#x27;quoted&#x27;</i>')).toBe("Top — text 'quoted'");
  });

  it('detects formats by content, not only by extension', () => {
    expect(detectCaptionFormat('\uFEFFWEBVTT\r\n\r\n', 'a.txt')).toBe('vtt');
    expect(detectCaptionFormat('1\n00:00:01,000 --> 00:00:02,000\nhi\n')).toBe('srt');
    expect(detectCaptionFormat('0:00 hello')).toBe('text');
  });

  it('explains what it expected when a file has no cues', () => {
    expect(() => parseCaptions('just some notes\nwith no times', 'x.txt')).toThrow(/no timestamped lines found: expected WebVTT .*"0:00 Welcome"/);
  });
});
