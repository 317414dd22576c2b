/**
 * The interactive transcript: sentences grouped under the lecture's chapters
 * (or about-a-minute blocks) with `#t-<seconds>` headings; a click on a line seeks the player; the line being
 * spoken is highlighted while the video plays; a filter box narrows the lines.
 * The server renders the lines (TranscriptLines.astro, passed as children); on
 * hydration the island reads them back from that HTML and renders them itself,
 * so the transcript is in the page once, not again as island props. On a course
 * item (`src` set) the lines come from the lecture's library page instead (lesson-source.ts).
 * Text is rendered as text (it is untrusted model/caption output).
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { TIME_EVENT, requestSeek, seekTargetFromUrl, type TimeDetail } from '../../browser/seek-target.ts';
import type { TranscriptBlock } from '../../browser/transcript.ts';
import { readTranscriptBlocks } from './transcript-dom.ts';
import { loadLessonSource } from './lesson-source.ts';
import { revealInitialMoment } from '../../browser/player.ts';
import { formatTimestamp } from '../../browser/timestamp.ts';

/** The line playing at `ms`: the last one that started at or before it. */
function lineAt(starts: readonly number[], ms: number): number | null {
  let found: number | null = null;
  for (const s of starts) if (s <= ms) found = s;
  return found ?? starts[0] ?? null;
}

export default function Transcript({ children, src }: { children?: ReactNode; src?: string }) {
  // null until hydrated: until then the server-rendered lines (children) are shown as they are.
  const [blocks, setBlocks] = useState<TranscriptBlock[] | null>(null);
  const [query, setQuery] = useState('');
  const [activeMs, setActiveMs] = useState<number | null>(null);
  const [follow, setFollow] = useState(true);
  const panel = useRef<HTMLDivElement>(null);
  const inputId = useId();
  const starts = useMemo(() => (blocks ?? []).flatMap((b) => b.lines.map((l) => l.startMs)), [blocks]);

  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    if (!src) {
      if (panel.current) setBlocks(readTranscriptBlocks(panel.current));
      return;
    }
    let current = true;
    loadLessonSource(src).then(
      (page) => {
        const lines = page.querySelector('#lesson-transcript');
        if (!current) return;
        if (lines) setBlocks(readTranscriptBlocks(lines));
        else setLoadFailed(true);
      },
      () => current && setLoadFailed(true),
    );
    return () => {
      current = false;
    };
  }, [src]);

  // Lines loaded after the page: mark and scroll to the moment a link pointed at, as the server-rendered lines would have been.
  const loaded = blocks !== null;
  useEffect(() => {
    if (src && loaded) revealInitialMoment();
  }, [src, loaded]);

  useEffect(() => {
    if (starts.length === 0) return;
    const target = seekTargetFromUrl(location);
    if (target) setActiveMs(lineAt(starts, target.ms));
    const onTime = (event: Event) => setActiveMs(lineAt(starts, (event as CustomEvent<TimeDetail>).detail.ms));
    window.addEventListener(TIME_EVENT, onTime);
    return () => window.removeEventListener(TIME_EVENT, onTime);
  }, [starts]);

  useEffect(() => {
    if (!follow || activeMs === null || !panel.current) return;
    const line = panel.current.querySelector<HTMLElement>(`[data-start-ms="${activeMs}"]`);
    if (!line) return;
    const box = panel.current;
    const top = line.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - line.offsetHeight) box.scrollTop = top - box.clientHeight / 3;
  }, [activeMs, follow]);

  const needle = query.trim().toLowerCase();
  const visible = !blocks
    ? []
    : needle
      ? blocks.map((b) => ({ ...b, lines: b.lines.filter((l) => l.text.toLowerCase().includes(needle)) })).filter((b) => b.lines.length > 0)
      : blocks;
  const matches = visible.reduce((n, b) => n + b.lines.length, 0);

  return (
    <div className="transcript">
      <div className="transcript-tools">
        <label htmlFor={inputId}>Search the transcript</label>
        <input id={inputId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Filter lines…" autoComplete="off" />
        <label className="follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow the video
        </label>
        <p className="transcript-count" aria-live="polite">
          {needle ? `${matches} ${matches === 1 ? 'line matches' : 'lines match'}` : ''}
        </p>
      </div>
      <div className="transcript-lines" ref={panel} data-transcript-scroll tabIndex={-1}>
        {!blocks && !loadFailed && children}
        {loadFailed && src && (
          <p className="transcript-empty">
            The transcript could not be loaded here. <a href={`${src}#lesson-transcript`}>Read it on the lecture's page</a>.
          </p>
        )}
        {visible.map((block) => (
          <section key={block.startMs} className="transcript-block" data-block-ms={block.startMs} data-block-title={block.title}>
            <h3 id={needle ? undefined : `t-${Math.floor(block.startMs / 1000)}`} className="transcript-time" data-titled={block.title ? '' : undefined}>
              {block.title ?? formatTimestamp(block.startMs)}
            </h3>
            <ol>
              {block.lines.map((line, i) => (
                <li key={line.startMs} id={needle ? undefined : `l-${line.startMs}`}>
                  <button
                    type="button"
                    data-start-ms={line.startMs}
                    aria-current={line.startMs === activeMs ? 'time' : undefined}
                    onClick={() => {
                      setActiveMs(line.startMs);
                      requestSeek(line.startMs);
                    }}
                  >
                    <span className="line-time" data-same-as-heading={!block.title && !needle && i === 0 ? '' : undefined}>
                      {formatTimestamp(line.startMs)}
                    </span>{' '}
                    <span className="line-text">{line.text}</span>
                  </button>
                </li>
              ))}
            </ol>
          </section>
        ))}
        {blocks && visible.length === 0 && <p className="transcript-empty">No line contains “{query}”.</p>}
      </div>
    </div>
  );
}
