// The W3C web-platform-tests WebVTT file-parsing suite (fixtures in tests/fixtures/pipeline/captions/wpt-webvtt/):
// reads its `.test` source format and holds each file's assertions, translated by hand from its JavaScript.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const wptDir = join(import.meta.dirname, '../../../fixtures/pipeline/captions/wpt-webvtt');

/** A cue as the suite sees it through the browser's VTTCue (times in seconds). */
export interface WptCue {
  id: string;
  text: string;
  startTime: number;
  endTime: number;
  align: string;
  line: number | 'auto';
  snapToLines: boolean;
  lineAlign: string;
  position: number | 'auto';
  positionAlign: string;
  size: number;
  vertical: string;
  region: WptRegion | null;
}

export interface WptRegion {
  id: string;
  width: number;
  lines: number;
  regionAnchorX: number;
  regionAnchorY: number;
  viewportAnchorX: number;
  viewportAnchorY: number;
  scroll: string;
}

export interface WptResult {
  cues: WptCue[];
  /** Every REGION block in file order. */
  regions: WptRegion[];
  stylesheets: string[];
}

/** Decodes the suite's escapes the way its build script does (Python's unicode_escape): \xNN, \uNNNN, \r, \n, \t, \f, \v, \0 and a backslash before a newline. */
function unescapeVtt(source: string): string {
  return source.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|[rntfv\\]|\n)/g, (_, code: string) => {
    if (code === '\n') return '';
    if (code[0] === 'x' || code[0] === 'u') return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8));
    return { r: '\r', n: '\n', t: '\t', f: '\f', v: '\v', '\\': '\\' }[code]!;
  });
}

/** The WebVTT text of one suite file (everything after its `===` line). */
export function wptVtt(file: string): string {
  const source = readFileSync(join(wptDir, file), 'utf8');
  return unescapeVtt(source.slice(source.indexOf('===\n') + 4));
}

export const wptFiles = readdirSync(wptDir)
  .filter((name) => name.endsWith('.test'))
  .sort();

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Each file's assertions, in the order the suite makes them. */
export const wptExpectations: Record<string, (result: WptResult) => void> = {
  'arrows.test': ({ cues }) => {
    expect(cues.length).toBe(6);
  },
  'ids.test': ({ cues }) => {
    expect(cues.map((c) => c.id)).toEqual([' leading space', 'trailing space ', '-- >', '->', ' ']);
  },
  'newlines.test': ({ cues }) => {
    expect(cues.map((c) => [c.id, c.text])).toEqual([
      ['cr', 'text1'],
      ['lf', 'text2'],
      ['crlf', 'text3'],
      ['lfcr', 'text4'],
    ]);
  },
  'nulls.test': ({ cues }) => {
    expect(cues.length).toBe(7);
    expect([cues[0]!.id, cues[0]!.text]).toEqual(['', 'text1']);
    expect([cues[1]!.id, cues[1]!.text]).toEqual(['\uFFFD (null in id)', 'text2']);
    expect([cues[2]!.id, cues[2]!.text]).toEqual(['\uFFFD (null in cue data)', '\uFFFDtext\uFFFD3']);
    expect(cues.slice(3).map((c) => [c.align, c.text])).toEqual([
      ['center', 'text4'],
      ['center', 'text5'],
      ['center', 'text6'],
      ['end', 'text7'],
    ]);
  },
  'regions-id.test': ({ cues }) => {
    expect(cues.length).toBe(4);
    // The suite only reads region1 (its four `region1.lines` asserts cannot all hold); what it means is that
    // cue N gets the region with lines 1-4: `id:bar id:foo` is one id, a later duplicate id wins, `id:\v` is an id.
    expect(cues.map((c) => c.region?.lines)).toEqual([2, 1, 3, 4]);
  },
  'regions-old.test': ({ cues }) => {
    expect(cues.length).toBe(2);
    expect(cues.map((c) => c.region)).toEqual([null, null]);
  },
  'regions-regionanchor.test': ({ cues, regions }) => {
    expect(cues.length).toBe(20);
    // The suite reads cue N's region for N = 1..20, but blocks 7-20 all reuse `id:6`, so cues 7-20 have none
    // in any parser; what it means is each REGION block's anchors, checked here on the blocks in file order.
    const valid = [
      [0, 100],
      [0, 0],
      [1, 1],
      [100, 0],
      [0, 100],
      [100, 100],
    ];
    const expected = [...valid, ...range(0, 14).map(() => [0, 100])];
    expect(regions.map((r) => [r.regionAnchorX, r.regionAnchorY])).toEqual(expected);
  },
  'regions-scroll.test': ({ cues }) => {
    expect(cues.length).toBe(6);
    expect(cues.map((c) => c.region?.scroll)).toEqual(['', 'up', 'up', '', '', 'up']);
  },
  'regions-viewportanchor.test': ({ cues, regions }) => {
    expect(cues.length).toBe(20);
    // The suite reads cue N's region for N = 1..20, but blocks 7-20 all reuse `id:6`, so cues 7-20 have none
    // in any parser; what it means is each REGION block's anchors, checked here on the blocks in file order.
    const valid = [
      [0, 100],
      [0, 0],
      [1, 1],
      [100, 0],
      [0, 100],
      [100, 100],
    ];
    const expected = [...valid, ...range(0, 14).map(() => [0, 100])];
    expect(regions.map((r) => [r.viewportAnchorX, r.viewportAnchorY])).toEqual(expected);
  },
  'settings-align.test': ({ cues }) => {
    expect(cues.length).toBe(13);
    expect(cues.map((c) => c.align)).toEqual(['center', 'start', 'center', 'end', 'left', 'right', 'end', 'end', 'end', 'end', 'end', 'end', 'center']);
  },
  'settings-line.test': ({ cues }) => {
    expect(cues.length).toBe(45);
    const valid = [-1, 0, 0, 1, 100, 101, 65536, 4294967296, 2 ** 64, 1e34, 1.5, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 0];
    valid.forEach((line, i) => expect([i, cues[i]!.line, cues[i]!.snapToLines]).toEqual([i, line, true]));
    for (const i of range(15, 36)) expect([i, cues[i]!.line, cues[i]!.snapToLines]).toEqual([i, 'auto', true]);
    const percent = [
      [0, ''],
      [0, ''],
      [100, 'start'],
      [100, 'start'],
      [100, 'center'],
      [100, 'end'],
      [100, 'start'],
      [Number.MIN_VALUE, ''],
      [0, ''],
    ] as const;
    percent.forEach(([line, lineAlign], k) => {
      const cue = cues[36 + k]!;
      expect([36 + k, cue.line, cue.snapToLines]).toEqual([36 + k, line, false]);
      if (lineAlign) expect(cue.lineAlign).toBe(lineAlign);
    });
  },
  'settings-multiple.test': ({ cues }) => {
    expect(cues.length).toBe(2);
    const pick = (c: WptCue) => ({ id: c.id, text: c.text, align: c.align, line: c.line, vertical: c.vertical, size: c.size, position: c.position });
    expect({ ...pick(cues[0]!), snapToLines: cues[0]!.snapToLines }).toEqual({
      id: 'id1',
      text: 'text1',
      align: 'start',
      line: 1,
      snapToLines: false,
      vertical: 'lr',
      size: 50,
      position: 25,
    });
    expect(pick(cues[1]!)).toEqual({ id: 'id2', text: 'text2', align: 'center', line: 1, vertical: 'rl', size: 0, position: 100 });
  },
  'settings-position.test': ({ cues }) => {
    expect(cues.length).toBe(22);
    const valid = [
      [1, 'auto'],
      [100, 'auto'],
      [1, 'auto'],
      [1.5, 'auto'],
      [1, 'line-left'],
      [1, 'center'],
      [1, 'line-right'],
      [1, 'auto'],
      [1, 'auto'],
      [1, 'auto'],
    ];
    const expected = [...valid, ...range(0, 12).map(() => ['auto', 'auto'])];
    expect(cues.map((c) => [c.position, c.positionAlign])).toEqual(expected);
  },
  'settings-region.test': ({ cues }) => {
    expect(cues.length).toBe(9);
    const foo = cues[0]!.region;
    const bar = cues[1]!.region;
    expect(foo).toBeTruthy();
    expect(bar).toBeTruthy();
    expect(foo).not.toBe(bar);
    const expected = [foo, bar, bar, null, foo, null, null, null, null];
    cues.forEach((cue, i) => expect([i, cue.region]).toEqual([i, expected[i]]));
    // toEqual compares by value; the suite compares region objects by identity
    expect(cues[2]!.region).toBe(bar);
    expect(cues[4]!.region).toBe(foo);
  },
  'settings-size.test': ({ cues }) => {
    expect(cues.length).toBe(16);
    expect(cues.map((c) => c.size)).toEqual([100, 2, 0, 0, 100, 50, 1.5, ...range(0, 9).map(() => 100)]);
  },
  'settings-vertical.test': ({ cues }) => {
    expect(cues.length).toBe(8);
    expect(cues.map((c) => c.vertical)).toEqual(['', 'lr', 'rl', 'lr', '', '', '', '']);
  },
  'signature-no-newline.test': ({ cues }) => {
    expect(cues.length).toBe(0);
  },
  'stylesheets-newlines.test': ({ stylesheets }) => {
    // The suite counts CSS rules in document.styleSheets: one sheet whose rules are `::cue(#foo)` and `.foo`.
    expect(stylesheets.length).toBe(1);
    const selectors = stylesheets[0]!
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .match(/[^{}\s][^{}]*(?=\{)/g)!
      .map((s) => s.trim());
    expect(selectors).toEqual(['::cue(#foo)', '.foo']);
  },
  'stylesheets-none.test': ({ stylesheets }) => {
    expect(stylesheets.length).toBe(0);
  },
  'timings-negative.test': ({ cues }) => {
    expect(cues.map((c) => [c.text, c.startTime, c.endTime])).toEqual([
      ['text1', 0, 0],
      ['text2', 1, 0.999],
      ['text3', 60, 59.999],
      ['text4', 3600, 3599.999],
    ]);
  },
  'timings-omitted-hours.test': ({ cues }) => {
    expect(cues.map((c) => [c.text, c.startTime, c.endTime])).toEqual([
      ['text1', 0, 1],
      ['text2', 0, 1],
      ['text3', 0, 1],
    ]);
  },
  'timings-too-long.test': ({ cues }) => {
    expect(cues.map((c) => [c.text, c.startTime, c.endTime])).toEqual([
      ['text1', 0, 1],
      ['text2', 0, 1],
    ]);
  },
  'timings-too-short.test': ({ cues }) => {
    expect(cues.map((c) => [c.text, c.startTime, c.endTime])).toEqual([
      ['text1', 0, 1],
      ['text2', 0, 1],
    ]);
  },
  'whitespace-chars.test': ({ cues }) => {
    expect(cues.map((c) => [c.id, c.text])).toEqual([
      ['spaces', '   text1'],
      ['tabs', 'text2'],
      ['form feed', 'text3'],
    ]);
  },
};
