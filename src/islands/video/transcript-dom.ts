/**
 * The transcript's markup contract, shared by the server (TranscriptLines.astro
 * renders the lines once, as HTML) and the island (Transcript.tsx reads them
 * back on hydration), so the text travels in the page once and not again as props.
 */
import type { TranscriptBlock } from '../../browser/transcript.ts';

/**
 * The blocks and lines of server-rendered transcript markup under `root`: blocks carry
 * `data-block-ms`; a line is `<li><span id="l-<ms>">0:04</span> text</li>`.
 */
export function readTranscriptBlocks(root: ParentNode): TranscriptBlock[] {
  return [...root.querySelectorAll<HTMLElement>('[data-block-ms]')].map((block) => ({
    startMs: Number(block.dataset.blockMs),
    ...(block.dataset.blockTitle ? { title: block.dataset.blockTitle } : {}),
    lines: [...block.querySelectorAll<HTMLElement>('li > [id^="l-"]')].map((time) => ({
      startMs: Number(time.id.slice(2)),
      text: [...(time.parentElement?.childNodes ?? [])]
        .filter((node) => node !== time)
        .map((node) => node.textContent)
        .join('')
        .trim(),
    })),
  }));
}
