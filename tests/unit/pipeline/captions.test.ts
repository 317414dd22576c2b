import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptionParseError, cleanCaptionLine, detectCaptionFormat, parseCaptions, parseWebVtt } from '../../../scripts/pipeline/captions.ts';

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
    expect(segments[0]).toEqual({
      startMs: 1500,
      endMs: 8850,
      text: 'Last video we laid out the structure of a neural network; now we look at how it learns.',
    });
    expect(segments[3]!.text).toBe('To start, we initialize all the weights and biases totally randomly, so the network performs horribly.');
    expect(segments[5]!.text).toContain('differences & gaps');
    for (let i = 1; i < segments.length; i++) expect(segments[i - 1]!.endMs).toBeLessThanOrEqual(segments[i]!.startMs);
  });

  it('reads timestamped text in "0:00 text" and "[00:01:02] text" forms, ignoring an untimed title', () => {
    const { format, segments } = parseCaptions(fixture('Ilg3gGewQ5U.txt'), 'Ilg3gGewQ5U.txt');
    expect(format).toBe('text');
    expect(segments[0]).toEqual({
      startMs: 1000,
      endMs: 8000,
      text: 'Last video we laid out the structure of a neural network; now we look at how it learns.',
    });
    expect(segments[1]!.startMs).toBe(8000);
    expect(segments.at(-1)!.endMs).toBeGreaterThan(segments.at(-1)!.startMs);
  });

  it('handles WebVTT quirks: NOTE and STYLE blocks, cue ids, cue settings, voice tags, short timestamps', () => {
    const vtt =
      'WEBVTT\n\nSTYLE\n::cue { color: lime }\n\nNOTE written by hand\nover two lines\n\nintro\n00:01.000 --> 00:04.000 line:0 position:20%\n<v Grant>Hello &lt;world&gt;</v>\n\n00:00:04.000 --> 00:00:06.000\n<b>Second</b> cue&nbsp;here\n';
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
    expect(detectCaptionFormat('\uFEFFWEBVTT\r\n\r\n')).toBe('vtt');
    expect(detectCaptionFormat('1\n00:00:01,000 --> 00:00:02,000\nhi\n')).toBe('srt');
    expect(detectCaptionFormat('0:00 hello')).toBe('text');
  });

  it('explains what it expected when a file has no cues', () => {
    expect(() => parseCaptions('just some notes\nwith no times', 'x.txt')).toThrow(
      'x.txt: no timestamped lines found: expected WebVTT (starting with "WEBVTT"), SRT, or lines like "0:00 Welcome" / "[00:01:02] Next topic"',
    );
  });
});

const texts = (raw: string, name: string) => parseCaptions(raw, name).segments.map((s) => s.text);

describe('WebVTT blocks that are not cues', () => {
  it('skips STYLE, NOTE and REGION blocks, also a STYLE block with a blank line inside', () => {
    const vtt = [
      'WEBVTT',
      '',
      'STYLE',
      '::cue {',
      '  color: yellow;',
      '}',
      '',
      '::cue(b) { font-weight: bold; }',
      '',
      'NOTE a comment',
      'over two lines',
      '',
      'REGION',
      'id:bottom',
      'width:40%',
      '',
      '00:00:01.000 --> 00:00:02.000 region:bottom',
      'First line',
      '',
      'NOTE',
      'between cues',
      '',
      '00:00:02.000 --> 00:00:03.000',
      'Second line',
      '',
    ].join('\n');
    expect(texts(vtt, 'x.vtt')).toEqual(['First line', 'Second line']);
  });

  it('keeps a YouTube header with a Style: section, and cues whose id mentions a note, a style or a region', () => {
    const vtt = [
      'WEBVTT',
      'Kind: captions',
      'Language: en',
      'Style:',
      '::cue(c.colorCCCCCC) { color: rgb(204,204,204);',
      ' }',
      '##',
      '',
      'Footnote 1',
      '00:00:00.500 --> 00:00:02.000',
      'A footnote',
      '',
      'style-change',
      '00:00:02.000 --> 00:00:03.000 region:none',
      'In another style',
      '',
    ].join('\n');
    expect(texts(vtt, 'x.vtt')).toEqual(['A footnote', 'In another style']);
  });

  it('reads a header line without a colon, a bare arrow line and a timing without its end', () => {
    const vtt =
      'WEBVTT\nX-TIMESTAMP-MAP\n\n-->\nlost\n\n00 -->\nlost too\n\n00:00:01.000 --> 00:00:02.000\nkept\n\n00:00:03.000 --x--> 00:00:04.000\nbad arrow\n';
    const { segments, warnings } = parseCaptions(vtt, 'x.vtt');
    expect(segments).toEqual([{ startMs: 1000, endMs: 2000, text: 'kept' }]);
    expect(warnings).toEqual([
      'x.vtt: line 4: skipped the cue at "-->": expected a timing like "00:00:01.000 --> 00:00:04.000" (hours optional, two-digit minutes and seconds, three-digit milliseconds)',
      'x.vtt: line 7: skipped the cue at "00 -->": expected a timing like "00:00:01.000 --> 00:00:04.000" (hours optional, two-digit minutes and seconds, three-digit milliseconds)',
      'x.vtt: line 13: skipped the cue at "00:00:03.000 --x--> 00:00:04.000": expected a timing like "00:00:01.000 --> 00:00:04.000" (hours optional, two-digit minutes and seconds, three-digit milliseconds)',
    ]);
  });

  it('never puts the next timing line into a cue that is missing its blank line', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst\n00:00:02.000 --> 00:00:03.000\nsecond\n';
    expect(parseCaptions(vtt, 'x.vtt').segments).toEqual([
      { startMs: 1000, endMs: 2000, text: 'first' },
      { startMs: 2000, endMs: 3000, text: 'second' },
    ]);
  });

  it('rejects WebVTT times without milliseconds or with an SRT comma, naming the file, the line and the fix', () => {
    const vtt = '\n\nWEBVTT\n\n00:01:05 --> 00:01:07\nno milliseconds\n\n00:00:01,500 --> 00:00:02,000\na comma\n\n00:00:03.000 --> 00:00:04.000\ngood\n';
    const { segments, warnings } = parseCaptions(vtt, 'content/videos/x.vtt');
    expect(segments.map((s) => [s.startMs, s.text])).toEqual([[3000, 'good']]);
    expect(warnings).toEqual([
      'content/videos/x.vtt: line 5: skipped the cue at "00:01:05 --> 00:01:07": every WebVTT time needs milliseconds, as in 00:01:05.000',
      'content/videos/x.vtt: line 8: skipped the cue at "00:00:01,500 --> 00:00:02,000": WebVTT writes milliseconds after a dot (00:00:01.500), not a comma as SRT does',
    ]);
    expect(() => parseCaptions('WEBVTT\n\n00:00:01,500 --> 00:00:02,000\nonly cue\n', 'x.vtt')).toThrow(
      'x.vtt: line 3: skipped the cue at "00:00:01,500 --> 00:00:02,000": WebVTT writes milliseconds after a dot (00:00:01.500), not a comma as SRT does (no cue could be read)',
    );
  });

  it('reads minutes-only WebVTT times and rejects minutes or seconds past 59', () => {
    const { cues } = parseWebVtt(
      'WEBVTT\n\n01:02.003 --> 59:59.999\na\n\n00:60:00.000 --> 01:00:00.000\nb\n\n00:00:60.000 --> 00:01:00.000\nc\n\n100:00:00.000 --> 100:00:01.000\nd',
    );
    expect(cues.map((c) => [c.startMs, c.endMs, c.text])).toEqual([
      [62003, 3599999, 'a'],
      [360000000, 360001000, 'd'],
    ]);
  });

  it('reads REGION widths and line counts, and only STYLE or REGION alone on the first line opens such a block', () => {
    const vtt = [
      'WEBVTT',
      'STYLE',
      '::cue { color: red }',
      '',
      'REGION ',
      'id:a width:40%',
      '',
      'REGION\t',
      'id:b width:40 lines:2x',
      '',
      'REGIONS',
      'id:c',
      '',
      'STYLE\t ',
      '::cue(b) { color: blue }',
      '',
      'STYLES',
      '::cue(i) {}',
      '',
      '00:00:00.000 --> 00:00:01.000 region:a',
      'hi',
    ].join('\n');
    const file = parseWebVtt(vtt);
    expect(file.regions.map((r) => [r.id, r.width, r.lines])).toEqual([
      ['a', 40, 3],
      ['b', 100, 3],
    ]);
    expect(file.stylesheets).toEqual(['::cue(b) { color: blue }']);
    expect(file.cues[0]!.region?.id).toBe('a');
  });

  it('refuses a .vtt-looking parse without the WEBVTT line', () => {
    expect(() => parseWebVtt('00:00:01.000 --> 00:00:02.000\nhi')).toThrow('line 1: a WebVTT file starts with the line "WEBVTT"; add it as the first line');
    expect(() => parseWebVtt('WEBVTTX\n')).toThrow(CaptionParseError);
    expect(parseWebVtt('WEBVTT\tcomment\n\n00:00.000 --> 00:01.000\nhi').cues).toHaveLength(1);
  });
});

describe('SRT', () => {
  it('reads an SRT without cue numbers as SRT, whatever the extension', () => {
    const srt = '00:00:01,000 --> 00:00:02,500\nOne\n\n00:00:02,500 --> 00:00:04,000\nTwo\n';
    const parsed = parseCaptions(srt, 'lecture.txt');
    expect(parsed.format).toBe('srt');
    expect(parsed.segments).toEqual([
      { startMs: 1000, endMs: 2500, text: 'One' },
      { startMs: 2500, endMs: 4000, text: 'Two' },
    ]);
  });

  it('rejects a malformed timestamp with its line number instead of moving the cue', () => {
    const srt = '1\n00:04:33,000 --> 00:04:35,000\nBefore\n\n2\n00:04:35,74.679 --> 00:04:37,000\nBroken\n';
    expect(() => parseCaptions(srt, 'content/videos/x.srt')).toThrow(
      'content/videos/x.srt: line 6: cannot read the timing "00:04:35,74.679 --> 00:04:37,000": expected "hh:mm:ss,mmm --> hh:mm:ss,mmm", for example "00:04:35,746 --> 00:04:38,100"; correct this line',
    );
    for (const timing of [
      '00:61:00,000 --> 00:62:00,000',
      '00:00:61,000 --> 00:01:02,000',
      '01:05 --> 01:07',
      '00:00:01:500 --> 00:00:02:000',
      '00:00:01,000 --> soon',
    ]) {
      expect(() => parseCaptions(`1\n${timing}\ntext\n`, 'x.srt')).toThrow(`x.srt: line 2: cannot read the timing "${timing}"`);
    }
  });

  it('repairs timestamps that can only mean one thing', () => {
    const srt = [
      '1',
      '0:00:01.5 --> 0:00:02,25',
      'dot, one-digit hour, short fractions',
      '',
      '2',
      '00:03,000 --> 00:04,000',
      'no hours',
      '',
      '3',
      '00:00:05 --> 00:00:06',
      'no milliseconds',
      '',
      '4',
      '00:00:07,000-->00:00:08,000  X1:100 X2:500 Y1:10 Y2:20',
      'no spaces, coordinates',
      '',
    ].join('\n');
    expect(parseCaptions(srt, 'x.srt').segments.map((s) => [s.startMs, s.endMs])).toEqual([
      [1500, 2250],
      [3000, 4000],
      [5000, 6000],
      [7000, 8000],
    ]);
  });

  it('keeps cue numbers and timing lines out of the text when a blank line is missing, and keeps text after a stray blank line', () => {
    const srt =
      'Title line before any cue\n1\n00:00:01,000 --> 00:00:02,000\nFirst\n2\n00:00:02,000 --> 00:00:03,000\nSecond\n\nstill second\n\n3\n00:00:03,000 --> 00:00:04,000\n42\n';
    expect(texts(srt, 'x.srt')).toEqual(['First', 'Second still second', '42']);
  });

  it('treats a line of spaces as a blank line and drops lines that are only markup', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nOne\n<i></i>\nmore\n   \n2\n00:00:02,000 --> 00:00:03,000\nTwo\n';
    expect(texts(srt, 'x.srt')).toEqual(['One more', 'Two']);
  });

  it('names only the line when it is not told the file name', () => {
    expect(() => parseCaptions('1\n00:00:01 -> 00:00:02\n00:00:01,000 --> 00:00:02:000\nx\n')).toThrow(
      /^line 3: cannot read the timing "00:00:01,000 --> 00:00:02:000"/,
    );
    expect(() => parseCaptions('WEBVTT\n')).toThrow(/^no caption text found in the WebVTT cues/);
  });

  it('says so when an SRT has timings but no text', () => {
    expect(() => parseCaptions('1\n00:00:01,000 --> 00:00:02,000\n\n', 'x.srt')).toThrow(
      'x.srt: no caption text found in the SRT cues; add cues like "00:00:01.000 --> 00:00:04.000" followed by their text',
    );
  });
});

describe('transcript order and text', () => {
  it('sorts cues that are out of order and keeps times monotonic', () => {
    const srt = '2\n00:00:05,000 --> 00:00:07,000\nlater\n\n1\n00:00:01,000 --> 00:00:06,000\nearlier\n';
    expect(parseCaptions(srt, 'x.srt').segments).toEqual([
      { startMs: 1000, endMs: 5000, text: 'earlier' },
      { startMs: 5000, endMs: 7000, text: 'later' },
    ]);
  });

  it('decodes the named entities caption files use, and hex references in either case', () => {
    expect(
      cleanCaptionLine('&amp;|&lt;|&gt;|&quot;|&apos;|a&nbsp;b|&lrm;|&rlm;|&hellip;|&mdash;|&ndash;|&rsquo;|&lsquo;|&rdquo;|&ldquo;|&#X41;&#x42;&#67;'),
    ).toBe('&|<|>|"|\'|a b|||…|—|–|’|‘|”|“|ABC');
    expect(cleanCaptionLine('<00:00:01.120>a<00:01.120> b<1:00:01,120> c')).toBe('a b c');
  });

  it('leaves a character reference that names no character as written', () => {
    expect(cleanCaptionLine('a &#1114112; b &#0; c &#xD800; d &#x10FFFF; e &#xDFFF; f &#55295;')).toBe(
      'a &#1114112; b &#0; c &#xD800; d \u{10FFFF} e &#xDFFF; f \uD7FF',
    );
    expect(cleanCaptionLine('&bogus; &AMP; &#57344;')).toBe('&bogus; & \uE000');
  });

  it('keeps timestamp-less continuation lines of a text transcript with the line before', () => {
    const { segments } = parseCaptions('Lecture 3\n0:00 Welcome back.\nToday we look at\ngradients.\n0:09 First, a picture.\n', 'x.txt');
    expect(segments).toEqual([
      { startMs: 0, endMs: 9000, text: 'Welcome back. Today we look at gradients.' },
      { startMs: 9000, endMs: 11000, text: 'First, a picture.' },
    ]);
    const forms = parseCaptions('(0:01) a\n[00:02] b\n0:03 - c\n1:00:04 – d\n0:05: e\n0:06 | f\n  0:07.5 g\n0:08,25 h\n', 'x.txt').segments;
    expect(forms.map((s) => [s.startMs, s.text])).toEqual([
      [1000, 'a'],
      [2000, 'b'],
      [3000, 'c'],
      [5000, 'e'],
      [6000, 'f'],
      [7500, 'g'],
      [8250, 'h'],
      [3604000, 'd'],
    ]);
    expect(parseCaptions('0:10 later\n0:05 sooner\n', 'x.txt').segments).toEqual([
      { startMs: 5000, endMs: 7000, text: 'sooner' },
      { startMs: 10000, endMs: 10000, text: 'later' },
    ]);
    const long = parseCaptions('0:10 one two three four five six seven\n', 'x.txt').segments[0]!;
    expect(long.endMs).toBe(10000 + 7 * 400);
  });
});

describe('rolling auto-captions', () => {
  const cue = (from: string, to: string, ...lines: string[]) => `${from} --> ${to}\n${lines.join('\n')}\n`;

  it('keeps only the new line of a cue that repeats the line shown before it', () => {
    const vtt = [
      'WEBVTT\n',
      cue('00:00:00.000', '00:00:02.000', 'one two'),
      cue('00:00:02.000', '00:00:04.000', 'one two', 'three four'),
      cue('00:00:04.000', '00:00:06.000', 'three four', 'five six'),
    ].join('\n');
    expect(texts(vtt, 'x.vtt')).toEqual(['one two', 'three four', 'five six']);
  });

  it('keeps only the new words of a cue that extends the previous text, not of one that comes much later', () => {
    const grow = ['WEBVTT\n', cue('00:00:00.000', '00:00:01.000', 'so this'), cue('00:00:01.000', '00:00:02.000', 'so this is a network')].join('\n');
    expect(texts(grow, 'x.vtt')).toEqual(['so this', 'is a network']);
    const justInTime = ['WEBVTT\n', cue('00:00:00.000', '00:00:01.000', 'so this'), cue('00:00:02.000', '00:00:03.000', 'so this is a network')].join('\n');
    expect(texts(justInTime, 'x.vtt')).toEqual(['so this', 'is a network']);
    const later = ['WEBVTT\n', cue('00:00:00.000', '00:00:01.000', 'so this'), cue('00:00:02.001', '00:00:03.000', 'so this is a network')].join('\n');
    expect(texts(later, 'x.vtt')).toEqual(['so this', 'so this is a network']);
    const sameStartOnly = ['WEBVTT\n', cue('00:00:00.000', '00:00:01.000', 'so'), cue('00:00:01.000', '00:00:02.000', 'some more')].join('\n');
    expect(texts(sameStartOnly, 'x.vtt')).toEqual(['so', 'some more']);
  });

  it('lets a line come back once another line was shown in between', () => {
    const vtt = [
      'WEBVTT\n',
      cue('00:00:00.000', '00:00:01.000', 'yes'),
      cue('00:00:01.000', '00:00:02.000', 'no'),
      cue('00:00:02.000', '00:00:03.000', 'yes'),
    ].join('\n');
    expect(texts(vtt, 'x.vtt')).toEqual(['yes', 'no', 'yes']);
  });
});

describe('real files from other projects', () => {
  const realFile = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/pipeline/captions/webvtt-py', name), 'utf8');

  it('reads youtube-dl auto-captions: Style: header, colour tags, a cue without its blank line, rolling repeats', () => {
    const { format, segments, warnings } = parseCaptions(realFile('youtube_dl.vtt'), 'youtube_dl.vtt');
    expect(format).toBe('vtt');
    expect(warnings).toEqual([]);
    expect(segments).toEqual([
      { startMs: 286070, endMs: 286470, text: 'yeah' },
      { startMs: 286470, endMs: 304080, text: 'what' },
      { startMs: 304080, endMs: 305069, text: "this will happen is I'm telling" },
    ]);
  });

  it('reads a French SRT with font tags, accents and a literal "<"', () => {
    expect(texts(realFile('styles2.srt'), 'styles2.srt')).toEqual([
      'Musique douce',
      '---',
      'Some italic and normal coloured text. By the way, 2 < 3 !',
      '---',
      '-Stéphane ? Où on se gare ?',
      '-Euh, là-bas, au chêne.',
    ]);
  });
});
