/**
 * Caption files an instructor commits beside a library entry (WebVTT, SRT or
 * timestamped text) turned into clean transcript segments. WebVTT follows the
 * W3C parser algorithm (https://w3c.github.io/webvtt/#file-parsing), measured by
 * the web-platform-tests suite in tests/fixtures/pipeline/captions/wpt-webvtt/;
 * SRT and text are read leniently but never guess a time. The real-world text
 * quirks (styling tags, inline timestamps, rolling auto-captions, entities) are
 * cleaned here.
 */
import type { Segment } from '../../src/lib/schema.ts';

export type CaptionFormat = 'vtt' | 'srt' | 'text';

export class CaptionParseError extends Error {
  override name = 'CaptionParseError';
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/** Decodes the HTML entities caption files actually contain (named, decimal, hex); a reference to no character stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const isCharacter = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return isCharacter ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** One caption line without markup: <c>, <i>, <v Speaker>, inline <00:00:01.000> timestamps, {\an8} SSA overrides. */
export function cleanCaptionLine(line: string): string {
  const stripped = line
    .replace(/<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{3}>/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\{\\[^}]*\}/g, '');
  return decodeEntities(stripped)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Normalises line endings and removes a BOM, so every parser sees the same text. */
export function normaliseCaptionText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

// A line that starts with a time followed by an arrow: the mark of a cue in SRT or a header-less WebVTT file.
const TIMING_LINE = /^[ \t]*\d[\d:.,]*[ \t]*-->/m;

/** WebVTT by its header; SRT (numbered or not) by its timing lines; anything else is timestamped text. */
export function detectCaptionFormat(text: string): CaptionFormat {
  const body = normaliseCaptionText(text).trimStart();
  if (/^WEBVTT(?:[ \t\n]|$)/.test(body)) return 'vtt';
  if (TIMING_LINE.test(body)) return 'srt';
  return 'text';
}

// ---------------------------------------------------------------------------------------------
// WebVTT, after the W3C parser algorithm

export interface WebVttRegion {
  id: string;
  width: number;
  lines: number;
  regionAnchorX: number;
  regionAnchorY: number;
  viewportAnchorX: number;
  viewportAnchorY: number;
  scroll: '' | 'up';
}

export interface WebVttCue {
  id: string;
  startMs: number;
  endMs: number;
  /** Cue text as written (markup and entities included). */
  text: string;
  /** 1-based line of the timing line in the file, for messages. */
  fileLine: number;
  align: 'start' | 'center' | 'end' | 'left' | 'right';
  line: number | 'auto';
  snapToLines: boolean;
  lineAlign: 'start' | 'center' | 'end';
  position: number | 'auto';
  positionAlign: 'line-left' | 'center' | 'line-right' | 'auto';
  size: number;
  vertical: '' | 'rl' | 'lr';
  region: WebVttRegion | null;
}

/** A cue the parser had to drop, with the line that caused it. */
export interface CaptionProblem {
  line: number;
  message: string;
}

export interface WebVttFile {
  cues: WebVttCue[];
  /** Every REGION block, in file order. */
  regions: WebVttRegion[];
  /** The text of each STYLE block before the first cue. */
  stylesheets: string[];
  problems: CaptionProblem[];
}

// The spec's "ASCII whitespace" (not vertical tab); no carriage return is left after normalising line ends.
const ASCII_WHITESPACE = /[\t\n\f ]+/;
// The same within one line.
const LEADING_SPACE = /^[\t\f ]+/;
const PERCENTAGE = /^\d+(?:\.\d+)?%$/;

/** Parses a WebVTT percentage ("0%" to "100%"), or undefined. */
function parsePercentage(value: string): number | undefined {
  if (!PERCENTAGE.test(value)) return undefined;
  const number = parseFloat(value);
  return number <= 100 ? number : undefined;
}

/** Splits settings on whitespace into name/value pairs, skipping tokens without a name or a value. */
function settingPairs(input: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const setting of input.split(ASCII_WHITESPACE)) {
    const colon = setting.indexOf(':');
    if (colon > 0 && colon < setting.length - 1) pairs.push([setting.slice(0, colon), setting.slice(colon + 1)]);
  }
  return pairs;
}

const TIMESTAMP = /^(\d+):(\d+)(?::(\d+))?\.(\d+)/;

/** Reads a WebVTT timestamp at the start of input: [milliseconds, characters used], or undefined. */
function collectTimestamp(input: string): [number, number] | undefined {
  const m = TIMESTAMP.exec(input);
  if (!m) return undefined;
  const [whole, first, second, third, millis] = m as unknown as [string, string, string, string | undefined, string];
  const firstIsHours = first.length !== 2 || Number(first) > 59;
  if (second.length !== 2 || millis.length !== 3) return undefined;
  if (third === undefined && firstIsHours) return undefined;
  if (third !== undefined && third.length !== 2) return undefined;
  const [hours, minutes, seconds] = third === undefined ? [0, Number(first), Number(second)] : [Number(first), Number(second), Number(third)];
  if (minutes > 59 || seconds > 59) return undefined;
  return [((hours * 60 + minutes) * 60 + seconds) * 1000 + Number(millis), whole.length];
}

function newCue(id: string, fileLine: number): WebVttCue {
  return {
    id,
    startMs: 0,
    endMs: 0,
    text: '',
    fileLine,
    align: 'center',
    line: 'auto',
    snapToLines: true,
    lineAlign: 'start',
    position: 'auto',
    positionAlign: 'auto',
    size: 100,
    vertical: '',
    region: null,
  };
}

/** Applies the cue settings after the timings (align, line, position, size, vertical, region). */
function applyCueSettings(cue: WebVttCue, input: string, regions: WebVttRegion[]): void {
  for (const [name, value] of settingPairs(input)) {
    if (name === 'region') {
      cue.region = regions.findLast((region) => region.id === value) ?? null;
    } else if (name === 'vertical') {
      if (value === 'rl' || value === 'lr') cue.vertical = value;
    } else if (name === 'line') {
      const comma = value.indexOf(',');
      const linePos = comma === -1 ? value : value.slice(0, comma);
      const lineAlign = comma === -1 ? undefined : value.slice(comma + 1);
      if (!/\d/.test(linePos)) continue;
      const isPercentage = linePos.endsWith('%');
      let number: number | undefined;
      if (isPercentage) {
        number = parsePercentage(linePos);
      } else if (/^-?\d*(?:\d\.\d)?\d*$/.test(linePos)) {
        number = parseFloat(linePos);
      }
      if (number === undefined || !Number.isFinite(number)) continue;
      cue.line = number + 0; // -0 reads as 0
      cue.snapToLines = !isPercentage;
      if (lineAlign === 'start' || lineAlign === 'center' || lineAlign === 'end') cue.lineAlign = lineAlign;
    } else if (name === 'position') {
      const comma = value.indexOf(',');
      const number = parsePercentage(comma === -1 ? value : value.slice(0, comma));
      if (number === undefined) continue;
      const positionAlign = comma === -1 ? undefined : value.slice(comma + 1);
      if (positionAlign === 'line-left' || positionAlign === 'center' || positionAlign === 'line-right') cue.positionAlign = positionAlign;
      cue.position = number;
    } else if (name === 'size') {
      const number = parsePercentage(value);
      if (number !== undefined) cue.size = number;
    } else if (name === 'align') {
      if (['start', 'center', 'end', 'left', 'right'].includes(value)) cue.align = value as WebVttCue['align'];
    }
  }
}

/** Reads "start --> end settings" into the cue; false when the line is not a valid timing. */
function collectTimingsAndSettings(line: string, cue: WebVttCue, regions: WebVttRegion[]): boolean {
  let rest = line.replace(LEADING_SPACE, '');
  const start = collectTimestamp(rest);
  if (!start) return false;
  rest = rest.slice(start[1]).replace(LEADING_SPACE, '');
  if (!rest.startsWith('-->')) return false;
  rest = rest.slice(3).replace(LEADING_SPACE, '');
  const end = collectTimestamp(rest);
  if (!end) return false;
  cue.startMs = start[0];
  cue.endMs = end[0];
  applyCueSettings(cue, rest.slice(end[1]), regions);
  return true;
}

function newRegion(): WebVttRegion {
  return { id: '', width: 100, lines: 3, regionAnchorX: 0, regionAnchorY: 100, viewportAnchorX: 0, viewportAnchorY: 100, scroll: '' };
}

/** Reads two percentages "x%,y%", or undefined. */
function parseAnchor(value: string): [number, number] | undefined {
  const comma = value.indexOf(',');
  if (comma === -1) return undefined;
  const x = parsePercentage(value.slice(0, comma));
  const y = parsePercentage(value.slice(comma + 1));
  return x === undefined || y === undefined ? undefined : [x, y];
}

function applyRegionSettings(region: WebVttRegion, input: string): void {
  for (const [name, value] of settingPairs(input)) {
    if (name === 'id') {
      region.id = value;
    } else if (name === 'width') {
      region.width = parsePercentage(value) ?? region.width;
    } else if (name === 'lines') {
      if (/^\d+$/.test(value)) region.lines = Number(value);
    } else if (name === 'regionanchor' || name === 'viewportanchor') {
      const anchor = parseAnchor(value);
      if (!anchor) continue;
      if (name === 'regionanchor') [region.regionAnchorX, region.regionAnchorY] = anchor;
      else [region.viewportAnchorX, region.viewportAnchorY] = anchor;
    } else if (name === 'scroll') {
      if (value === 'up') region.scroll = 'up';
    }
  }
}

function timingHint(line: string): string {
  if (/\d:\d{2},\d/.test(line)) return 'WebVTT writes milliseconds after a dot (00:00:01.500), not a comma as SRT does';
  if (/\d:\d{2}(?![.:\d])/.test(line)) return 'every WebVTT time needs milliseconds, as in 00:01:05.000';
  return 'expected a timing like "00:00:01.000 --> 00:00:04.000" (hours optional, two-digit minutes and seconds, three-digit milliseconds)';
}

/**
 * Parses WebVTT text by the W3C algorithm: cues with their ids, times and settings, regions and
 * style sheets. Cues whose timing line is invalid are dropped, as browsers do, and listed in problems.
 */
export function parseWebVtt(raw: string): WebVttFile {
  const text = normaliseCaptionText(raw).replace(/\0/g, '\uFFFD');
  if (!/^WEBVTT(?:[ \t\n]|$)/.test(text)) throw new CaptionParseError('line 1: a WebVTT file starts with the line "WEBVTT"; add it as the first line');
  const lines = text.split('\n');
  const result: WebVttFile = { cues: [], regions: [], stylesheets: [], problems: [] };
  let index = 1;
  let seenCue = false;

  /** Collects one block of lines (the header, a cue, a NOTE, a STYLE or a REGION block). */
  const collectBlock = (inHeader: boolean): void => {
    let lineCount = 0;
    let previous = index;
    let buffer: string[] = [];
    let seenArrow = false;
    let cue: WebVttCue | null = null;
    let kind: 'style' | 'region' | undefined;
    while (index < lines.length) {
      const line = lines[index]!;
      index++;
      lineCount++;
      if (line.includes('-->')) {
        if (inHeader || !(lineCount === 1 || (lineCount === 2 && !seenArrow))) {
          index = previous;
          break;
        }
        seenArrow = true;
        previous = index;
        cue = newCue(buffer.join('\n'), index);
        if (collectTimingsAndSettings(line, cue, result.regions)) {
          buffer = [];
          seenCue = true;
        } else {
          result.problems.push({ line: index, message: `skipped the cue at "${line.trim()}": ${timingHint(line)}` });
          cue = null;
        }
      } else if (line === '') {
        break;
      } else {
        if (!inHeader && lineCount === 2 && !seenCue) {
          const first = buffer.join('\n');
          if (/^STYLE[ \t]*$/.test(first)) kind = 'style';
          else if (/^REGION[ \t]*$/.test(first)) kind = 'region';
          if (kind) buffer = [];
        }
        buffer.push(line);
        previous = index;
      }
    }
    if (cue) {
      cue.text = buffer.join('\n');
      result.cues.push(cue);
    } else if (kind === 'style') {
      result.stylesheets.push(buffer.join('\n'));
    } else if (kind === 'region') {
      const region = newRegion();
      applyRegionSettings(region, buffer.join('\n'));
      result.regions.push(region);
    }
  };
  const skipBlankLines = () => {
    while (index < lines.length && lines[index] === '') index++;
  };

  if (index < lines.length) {
    if (lines[index] === '') index++;
    else collectBlock(true);
  }
  skipBlankLines();
  while (index < lines.length) {
    collectBlock(false);
    skipBlankLines();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// SRT and timestamped text

interface RawCue {
  startMs: number;
  endMs: number;
  lines: string[];
}

// hh:mm:ss with an optional fraction, or mm:ss with a fraction; a comma or a dot before it.
const SRT_TIME = /^(?:(\d{1,3}):(\d{2}):(\d{2})(?:[,.](\d{1,3}))?|(\d{1,2}):(\d{2})[,.](\d{1,3}))$/;
const SRT_TIMING = /^\s*(\S+)\s*-->\s*(\S+)(?:\s.*)?$/;

/** Milliseconds of one SRT time, or undefined when it is not a time we can read without guessing. */
function parseSrtTime(time: string): number | undefined {
  const m = SRT_TIME.exec(time);
  if (!m) return undefined;
  const hours = Number(m[1] ?? 0);
  const minutes = Number(m[2] ?? m[5]);
  const seconds = Number(m[3] ?? m[6]);
  const fraction = m[4] ?? m[7] ?? '';
  if (minutes > 59 || seconds > 59) return undefined;
  // A fraction is a decimal: ",5" is half a second.
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Math.round(Number(`0.${fraction}`) * 1000);
}

function cuesFromSrt(text: string, where: (line: number) => string): RawCue[] {
  const lines = text.split('\n');
  const cues: RawCue[] = [];
  let current: RawCue | undefined;
  let lastCue: RawCue | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (line.includes('-->')) {
      const m = SRT_TIMING.exec(line);
      const start = m ? parseSrtTime(m[1]!) : undefined;
      const end = m ? parseSrtTime(m[2]!) : undefined;
      if (start === undefined || end === undefined) {
        throw new CaptionParseError(
          `${where(i + 1)}cannot read the timing "${line.trim()}": expected "hh:mm:ss,mmm --> hh:mm:ss,mmm", for example "00:04:35,746 --> 00:04:38,100"; correct this line`,
        );
      }
      current = { startMs: start, endMs: end, lines: [] };
      cues.push(current);
      lastCue = current;
      continue;
    }
    // A cue number: the line before a timing line (also when the blank line before it is missing).
    if (/^\s*\d+\s*$/.test(line) && lines[i + 1]?.includes('-->')) continue;
    // Text after a stray blank line still belongs to the cue before it.
    const target = current ?? lastCue;
    target?.lines.push(cleanCaptionLine(line));
  }
  for (const cue of cues) cue.lines = cue.lines.filter(Boolean);
  return cues;
}

const TIMESTAMP_LINE = /^\s*[[(]?((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)[\])]?\s*(?:[-–—:|]\s*)?(.*)$/;

function parseClock(clock: string): number {
  const [main, frac = '0'] = clock.split(/[.,]/);
  const parts = main!.split(':').map(Number);
  const seconds = parts.reduce((acc, n) => acc * 60 + n, 0);
  return seconds * 1000 + Math.round(Number(`0.${frac}`) * 1000);
}

function cuesFromTimestampedText(text: string): RawCue[] {
  const cues: RawCue[] = [];
  for (const line of text.split('\n')) {
    const m = TIMESTAMP_LINE.exec(line);
    if (m) {
      cues.push({ startMs: parseClock(m[1]!), endMs: -1, lines: [cleanCaptionLine(m[2]!)].filter(Boolean) });
    } else if (cues.length > 0 && line.trim()) {
      cues.at(-1)!.lines.push(cleanCaptionLine(line));
    }
  }
  for (let i = 0; i < cues.length; i++) {
    const next = cues[i + 1];
    const words = cues[i]!.lines.join(' ').split(' ').length;
    cues[i]!.endMs = next ? next.startMs : cues[i]!.startMs + Math.max(2000, words * 400);
  }
  return cues;
}

/**
 * Drops what rolling auto-captions repeat: a cue that starts with lines the
 * previous cue already showed keeps only its new lines, and a cue that only
 * extends the previous text keeps only the new words.
 */
function dropRollingRepeats(cues: RawCue[]): Segment[] {
  const segments: Segment[] = [];
  let shown: string[] = [];
  for (const cue of cues) {
    let lines = cue.lines;
    while (lines.length > 0 && shown.includes(lines[0]!)) lines = lines.slice(1);
    let text = lines.join(' ').trim();
    const previous = segments.at(-1);
    if (previous && text && text.startsWith(previous.text + ' ') && cue.startMs <= previous.endMs + 1000) {
      text = text.slice(previous.text.length).trim();
    }
    if (cue.lines.length > 0) shown = cue.lines;
    if (!text) continue;
    segments.push({ startMs: cue.startMs, endMs: Math.max(cue.startMs, cue.endMs), text });
  }
  return segments;
}

export interface ParsedCaptions {
  format: CaptionFormat;
  segments: Segment[];
  /** Cues that were skipped, each naming the file and line. */
  warnings: string[];
}

/**
 * Parses a caption file's text into ordered, non-overlapping, de-duplicated segments.
 * Errors and warnings start with the file name and line, and say what to fix.
 */
export function parseCaptions(raw: string, fileName = ''): ParsedCaptions {
  const normalised = normaliseCaptionText(raw);
  const text = normalised.trimStart();
  // Line numbers count from the top of the file, blank lines trimmed before the content included.
  const skippedLines = normalised.slice(0, normalised.length - text.length).split('\n').length - 1;
  const where = (line: number) => `${fileName ? `${fileName}: ` : ''}line ${line + skippedLines}: `;
  const format = detectCaptionFormat(text);
  let cues: RawCue[];
  let problems: CaptionProblem[] = [];
  if (format === 'vtt') {
    const file = parseWebVtt(text);
    problems = file.problems;
    cues = file.cues.map((cue) => ({ startMs: cue.startMs, endMs: cue.endMs, lines: cue.text.split('\n').map(cleanCaptionLine).filter(Boolean) }));
  } else {
    cues = format === 'srt' ? cuesFromSrt(text, where) : cuesFromTimestampedText(text);
  }
  cues.sort((a, b) => a.startMs - b.startMs);
  const segments = dropRollingRepeats(cues);
  for (let i = 0; i < segments.length - 1; i++) {
    const next = segments[i + 1]!;
    // Sorted, so the next start is never before this one.
    if (segments[i]!.endMs > next.startMs) segments[i]!.endMs = next.startMs;
  }
  const warnings = problems.map((problem) => `${where(problem.line)}${problem.message}`);
  if (segments.length === 0) {
    const prefix = fileName ? `${fileName}: ` : '';
    if (warnings.length > 0) throw new CaptionParseError(`${warnings[0]} (no cue could be read)`);
    throw new CaptionParseError(
      format === 'text'
        ? `${prefix}no timestamped lines found: expected WebVTT (starting with "WEBVTT"), SRT, or lines like "0:00 Welcome" / "[00:01:02] Next topic"`
        : `${prefix}no caption text found in the ${format === 'vtt' ? 'WebVTT' : 'SRT'} cues; add cues like "00:00:01.000 --> 00:00:04.000" followed by their text`,
    );
  }
  return { format, segments, warnings };
}
