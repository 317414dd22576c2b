/**
 * Shapes a video's transcript for reading: caption cues merged into sentences
 * (a cue is often a fragment: "...a visual understanding" / "of linear
 * transformations..."), each starting at the cue where its first word is said,
 * so a click seeks exactly there; then grouped under the lecture's chapters,
 * or into blocks of about a minute when it has none.
 */
import type { Segment, VideoChapter } from '../lib/schema.ts';

export interface TranscriptLine {
  startMs: number;
  text: string;
}
export interface TranscriptBlock {
  startMs: number;
  /** The lecture chapter's title; minute blocks have none (their heading is the time). */
  title?: string;
  lines: TranscriptLine[];
}

/** Ends a sentence: terminal punctuation, maybe followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;
/** Splits a cue after a sentence end that is followed by a new sentence (not "e.g. this" or "3.14"). */
const SENTENCE_BREAK = /(?<=[.!?…]["'”’)\]]*)\s+(?=[\p{Lu}\p{N}"“'‘([¿¡])/u;
/**
 * Captions without punctuation (YouTube's automatic ones) have no sentences: a line ends at a
 * cue boundary after a pause or once it is this long. Punctuated ones break a run-on sentence later.
 */
const MAX_UNPUNCTUATED_CHARS = 140;
const MAX_SENTENCE_CHARS = 400;
const PAUSE_MS = 1200;
const MIN_CHARS_AT_PAUSE = 60;
/** At least one sentence end per this many characters: the captions are punctuated. */
const PUNCTUATED_EVERY_CHARS = 400;

interface Piece {
  startMs: number;
  text: string;
  endsSentence: boolean;
  lastInCue: boolean;
  pauseAfter: boolean;
}

/** The cues, in order, as sentence-sized pieces, each with the start of the cue it came from. */
function pieces(segments: readonly Segment[]): Piece[] {
  const cues = [...segments]
    .map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim() }))
    .filter((s) => s.text)
    .sort((a, b) => a.startMs - b.startMs);
  return cues.flatMap((cue, i) => {
    const next = cues[i + 1];
    const parts = cue.text.split(SENTENCE_BREAK);
    return parts.map((text, j) => ({
      startMs: cue.startMs,
      text,
      endsSentence: SENTENCE_END.test(text),
      lastInCue: j === parts.length - 1,
      pauseAfter: next !== undefined && next.startMs - Math.max(cue.endMs, cue.startMs) >= PAUSE_MS,
    }));
  });
}

/** The transcript as sentences, each with the time its first word is said; start times are unique. */
export function transcriptSentences(segments: readonly Segment[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  const all = pieces(segments);
  const chars = all.reduce((n, p) => n + p.text.length, 0);
  const punctuated = all.filter((p) => p.endsSentence).length * PUNCTUATED_EVERY_CHARS >= chars;
  const maxChars = punctuated ? MAX_SENTENCE_CHARS : MAX_UNPUNCTUATED_CHARS;
  let open: TranscriptLine | undefined;
  for (const piece of all) {
    if (!open) {
      const previous = lines.at(-1);
      // A sentence starting inside the cue where the previous one also started shares its time: one line, so seeks stay distinct.
      if (previous && previous.startMs === piece.startMs) {
        open = previous;
        lines.pop();
        open.text += ` ${piece.text}`;
      } else open = { startMs: piece.startMs, text: piece.text };
    } else open.text += ` ${piece.text}`;
    const longEnough = piece.lastInCue && (open.text.length >= maxChars || (!punctuated && piece.pauseAfter && open.text.length >= MIN_CHARS_AT_PAUSE));
    if (piece.endsSentence || longEnough) {
      lines.push(open);
      open = undefined;
    }
  }
  if (open) lines.push(open);
  return lines;
}

/**
 * Sentences grouped for reading: under the lecture's chapters when it has
 * them, else in blocks starting at the first sentence at least `blockMs`
 * after the block before.
 */
export function transcriptBlocks(segments: readonly Segment[], chapters: readonly VideoChapter[] = [], blockMs = 60_000): TranscriptBlock[] {
  const lines = transcriptSentences(segments);
  const marks = [...chapters].sort((a, b) => a.startMs - b.startMs);
  const blocks: TranscriptBlock[] = [];
  if (marks.length > 0) {
    let chapterOfCurrent = -1;
    for (const line of lines) {
      // Lines before the first chapter mark belong to the first chapter.
      const chapter = Math.max(
        0,
        marks.findLastIndex((c) => c.startMs <= line.startMs),
      );
      if (chapter !== chapterOfCurrent) blocks.push({ startMs: line.startMs, title: marks[chapter]!.title, lines: [] });
      chapterOfCurrent = chapter;
      blocks.at(-1)!.lines.push(line);
    }
    return blocks;
  }
  for (const line of lines) {
    const current = blocks.at(-1);
    if (!current || line.startMs >= current.startMs + blockMs) blocks.push({ startMs: line.startMs, lines: [] });
    blocks.at(-1)!.lines.push(line);
  }
  return blocks;
}
