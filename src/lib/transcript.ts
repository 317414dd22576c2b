/** Shapes a video's transcript for reading: lines grouped into blocks of about a minute. */
import type { Segment } from './schema.ts';

export interface TranscriptBlock { startMs: number; lines: { startMs: number; text: string }[] }

/** Starts a new block at the first line at least `blockMs` after the current block began. */
export function transcriptBlocks(segments: Segment[], blockMs = 60_000): TranscriptBlock[] {
  const blocks: TranscriptBlock[] = [];
  const seen = new Set<number>();
  for (const segment of [...segments].sort((a, b) => a.startMs - b.startMs)) {
    const text = segment.text.replace(/\s+/g, ' ').trim();
    // Line starts are element keys and seek targets, so they must be unique.
    if (!text || seen.has(segment.startMs)) continue;
    seen.add(segment.startMs);
    const current = blocks.at(-1);
    if (!current || segment.startMs >= current.startMs + blockMs) blocks.push({ startMs: segment.startMs, lines: [] });
    blocks.at(-1)!.lines.push({ startMs: segment.startMs, text });
  }
  return blocks;
}
