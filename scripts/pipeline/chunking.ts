/**
 * Splits long transcripts into chunks that fit a model's token budget, so a
 * three-hour lecture is map-reduced instead of truncated.
 */
import type { Segment } from '../../src/lib/schema.ts';

/** A rough token count (about four characters per token for English); good enough to size chunks. */
export const approxTokens = (text: string) => Math.ceil(text.length / 4);

/** How a segment is shown to a model: its start time in ms, so notes and questions can point back into the video. */
export const segmentLine = (s: Segment) => `[${s.startMs}] ${s.text}`;

export const transcriptForPrompt = (segments: readonly Segment[]) => segments.map(segmentLine).join('\n');

/** Groups consecutive segments into chunks of at most `tokenBudget` approximate tokens (a single huge segment gets its own chunk). */
export function chunkSegments(segments: readonly Segment[], tokenBudget: number): Segment[][] {
  const chunks: Segment[][] = [];
  let current: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    const cost = approxTokens(segmentLine(segment) + '\n');
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
