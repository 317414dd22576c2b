/**
 * The transcript's lines as server HTML (see TranscriptLines.astro for the markup contract),
 * written as one string: a library page holds hundreds of lines, and rendering each through
 * Astro's component machinery cost about 0.2 s of a 200-video build.
 */
import { formatTimestamp } from '../../browser/timestamp.ts';
import type { TranscriptBlock } from '../../browser/transcript.ts';
import { escapeHtml } from '../../browser/html.ts';

/** A double-quoted attribute value, escaped as Astro escapes one. */
const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function transcriptLinesHtml(blocks: readonly TranscriptBlock[]): string {
  let html = '';
  for (const block of blocks) {
    const title = block.title === undefined ? '' : ` data-block-title="${escapeAttribute(block.title)}"`;
    html += `<section class="transcript-block" data-block-ms="${block.startMs}"${title}>`;
    html += `<h3 id="t-${Math.floor(block.startMs / 1000)}" class="transcript-time"${block.title ? ' data-titled' : ''}>${escapeHtml(block.title ?? formatTimestamp(block.startMs))}</h3><ol>`;
    block.lines.forEach((line, i) => {
      const sameAsHeading = !block.title && i === 0 ? ' data-same-as-heading' : '';
      html += `<li><span id="l-${line.startMs}"${sameAsHeading}>${formatTimestamp(line.startMs)}</span> ${escapeHtml(line.text)}</li>`;
    });
    html += '</ol></section>';
  }
  return html;
}
