/**
 * Caption files an instructor commits beside a library entry (WebVTT, SRT or
 * timestamped text) turned into clean transcript segments. Cue structure is
 * parsed by @plussub/srt-vtt-parser; the real-world text quirks (styling tags,
 * inline timestamps, rolling auto-captions, entities) are cleaned here.
 */
import { parse as parseCues } from '@plussub/srt-vtt-parser';
import type { Segment } from '../../src/lib/schema.ts';

export type CaptionFormat = 'vtt' | 'srt' | 'text';

export class CaptionParseError extends Error {
  override name = 'CaptionParseError';
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '', hellip: '…', mdash: '—', ndash: '–',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
};

/** Decodes the HTML entities caption files actually contain (named, decimal, hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
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
  return decodeEntities(stripped).replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Normalises line endings and removes a BOM, so every parser sees the same text. */
export function normaliseCaptionText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function detectCaptionFormat(text: string, fileName = ''): CaptionFormat {
  const body = normaliseCaptionText(text).trimStart();
  if (body.startsWith('WEBVTT')) return 'vtt';
  if (/^\d+\n\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->/m.test(body) || (/\.srt$/i.test(fileName) && body.includes('-->'))) return 'srt';
  if (/\.vtt$/i.test(fileName) && body.includes('-->')) return 'vtt';
  return 'text';
}

interface RawCue {
  startMs: number;
  endMs: number;
  lines: string[];
}

function cuesFromParser(text: string, format: 'vtt' | 'srt'): RawCue[] {
  // The parser detects WebVTT by its header; SRT files are everything else.
  const source = format === 'vtt' && !text.startsWith('WEBVTT') ? `WEBVTT\n\n${text}` : text;
  let entries: { from: number; to: number; text: string }[];
  try {
    entries = parseCues(source).entries;
  } catch (error) {
    throw new CaptionParseError(`cannot parse the ${format === 'vtt' ? 'WebVTT' : 'SRT'} cues (${(error as Error).message.slice(0, 120)})`);
  }
  return entries
    .filter((e) => Number.isFinite(e.from) && Number.isFinite(e.to))
    .map((e) => ({ startMs: Math.max(0, Math.round(e.from)), endMs: Math.max(0, Math.round(e.to)), lines: e.text.split('\n').map(cleanCaptionLine).filter(Boolean) }));
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
    cues[i]!.endMs = next ? Math.max(cues[i]!.startMs, next.startMs) : cues[i]!.startMs + Math.max(2000, words * 400);
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

/** Parses a caption file's text into ordered, non-overlapping, de-duplicated segments. */
export function parseCaptions(raw: string, fileName = ''): { format: CaptionFormat; segments: Segment[] } {
  const text = normaliseCaptionText(raw);
  const format = detectCaptionFormat(text, fileName);
  const cues = format === 'text' ? cuesFromTimestampedText(text) : cuesFromParser(text.trimStart(), format);
  cues.sort((a, b) => a.startMs - b.startMs);
  const segments = dropRollingRepeats(cues);
  for (let i = 0; i < segments.length - 1; i++) {
    const next = segments[i + 1]!;
    if (segments[i]!.endMs > next.startMs) segments[i]!.endMs = Math.max(segments[i]!.startMs, next.startMs);
  }
  if (segments.length === 0) {
    throw new CaptionParseError(
      format === 'text'
        ? 'no timestamped lines found: expected WebVTT (starting with "WEBVTT"), SRT, or lines like "0:00 Welcome" / "[00:01:02] Next topic"'
        : `no caption text found in the ${format === 'vtt' ? 'WebVTT' : 'SRT'} cues`,
    );
  }
  return { format, segments };
}
