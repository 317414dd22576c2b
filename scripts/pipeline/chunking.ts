/**
 * Splits long transcripts into chunks that fit a model's token budget, so a
 * three-hour lecture is map-reduced instead of truncated. Tokens are counted
 * by the model's own tokenizer where there is one (token-count.ts).
 */
import type { Segment, VideoChapter } from '../../src/lib/schema.ts';
import { estimateTokens, type TokenCounter } from './token-count.ts';

/** How a segment is shown to a model: its start time in ms, so notes and questions can point back into the video. */
export const segmentLine = (s: Segment) => `[${s.startMs}] ${s.text}`;

export const transcriptForPrompt = (segments: readonly Segment[]) => segments.map(segmentLine).join('\n');

/** Groups consecutive segments into chunks of at most `tokenBudget` tokens (a single huge segment gets its own chunk). */
export function chunkSegments(segments: readonly Segment[], tokenBudget: number, countTokens: TokenCounter = estimateTokens): Segment[][] {
  const chunks: Segment[][] = [];
  let current: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    const cost = countTokens(segmentLine(segment) + '\n');
    if (current.length > 0 && used + cost > tokenBudget) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(segment);
    used += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Splits a chunk the server found too large into two halves (by segment count); a single segment cannot be split. */
export function halve(segments: readonly Segment[]): [Segment[], Segment[]] | null {
  if (segments.length < 2) return null;
  const middle = Math.ceil(segments.length / 2);
  return [segments.slice(0, middle), segments.slice(middle)];
}

/** The chapters that overlap a stretch of the transcript (the one already running at its start included). */
export function chaptersWithin(chapters: readonly VideoChapter[], segments: readonly Segment[]): VideoChapter[] {
  if (segments.length === 0) return [];
  const from = segments[0]!.startMs;
  const to = segments.at(-1)!.endMs;
  const sorted = [...chapters].sort((a, b) => a.startMs - b.startMs);
  return sorted.filter((chapter, i) => chapter.startMs <= to && (sorted[i + 1]?.startMs ?? Infinity) > from);
}

/** Picks `count` items spread evenly across groups (round-robin), so a quiz covers the whole video. */
export function drawAcross<T>(groups: readonly (readonly T[])[], count: number): T[] {
  const picked: T[] = [];
  const cursors = groups.map(() => 0);
  while (picked.length < count) {
    let progressed = false;
    for (let g = 0; g < groups.length && picked.length < count; g++) {
      const item = groups[g]![cursors[g]!];
      if (item !== undefined) {
        picked.push(item);
        cursors[g]!++;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return picked;
}
