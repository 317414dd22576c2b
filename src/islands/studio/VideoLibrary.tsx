/**
 * The studio's video library (dev only): add a video by URL, see every entry's status, title,
 * duration and error, process or retry it with the live progress of the run, edit its title and
 * chapters, and attach a caption file. Everything goes through /__studio/api/.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { studioApi } from '../../studio/client/api.ts';
import { subscribeStudioEvents } from '../../studio/client/events.ts';
import { keepStudioPage } from '../../studio/client/keep-page.ts';
import { ErrorNotice } from '../../studio/client/ErrorNotice.tsx';
import type { LibraryListing, LibraryVideo } from '../../studio/video-library.ts';
import type { AddedVideo, PlaylistAddResult } from '../../../scripts/commands/add.ts';
import type { VideoStatus } from '../../lib/schema.ts';
import './studio.css';

const STATUS_LABEL: Record<VideoStatus, { label: string; tone: string }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  processing: { label: 'Processing', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

function duration(seconds: number | undefined): string {
  if (!seconds) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

type Listing = LibraryListing & { running: string[] | null };

/** What a playlist add did, in one paragraph: videos, skipped ones, the course files written and kept. */
function playlistMessage(result: PlaylistAddResult): string {
  const added = result.videos.filter((v) => v.outcome === 'added').length;
  const parts = [
    `Playlist "${result.playlist.title}": ${result.videos.length} videos, ${added} added as pending, ${result.videos.length - added} already in the library.`,
  ];
  if (result.skipped.length) parts.push(`Skipped (private or deleted): ${result.skipped.map((v) => v.title).join(', ')}.`);
  if (result.course) {
    const written = result.course.files.filter((f) => f.outcome === 'written').length;
    const kept = result.course.files.filter((f) => f.outcome === 'kept').map((f) => f.file);
    parts.push(
      `Draft course ${result.course.slug}: ${written} files written in ${result.course.dir}/.${kept.length ? ` Kept as they were: ${kept.join(', ')}.` : ''}`,
    );
  }
  return parts.join(' ');
}

function AddVideoForm({ onAdded }: { onAdded: (message: string) => void }) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [course, setCourse] = useState('');
  const [group, setGroup] = useState('1');
  const [error, setError] = useState<{ message: string; field?: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const answer = await studioApi<{ videos: AddedVideo[] } | PlaylistAddResult>('videos', {
      body: { url, ...(title.trim() ? { title } : {}), ...(course.trim() ? { course: course.trim(), group: Number(group) } : {}) },
    });
    setBusy(false);
    if (!answer.ok) {
      setError({ message: answer.message, ...(answer.field ? { field: answer.field } : {}) });
      document.getElementById(`add-${answer.field ?? 'url'}`)?.focus();
      return;
    }
    setUrl('');
    setTitle('');
    setCourse('');
    if ('playlist' in answer.data) return onAdded(playlistMessage(answer.data));
    const lines = answer.data.videos.map((v) =>
      v.outcome === 'added'
        ? `Added ${v.title ? `"${v.title}"` : v.id} as ${v.file}, pending.${v.warnings.length ? ` ${v.warnings.join(' ')}` : ''}`
        : `${v.id} is already in the library (${v.file}, ${v.status}); left unchanged.`,
    );
    onAdded(lines.join(' '));
  }

  const urlError = error && (error.field === 'url' || !error.field) ? error.message : undefined;
  const titleError = error?.field === 'title' ? error.message : undefined;
  const courseError = error?.field === 'course' ? error.message : undefined;
  const groupError = error?.field === 'group' ? error.message : undefined;
  return (
    <form className="studio-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="add-url">YouTube URL</label>
        <input
          id="add-url"
          ref={urlRef}
          name="url"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-describedby="add-url-hint add-url-error"
          aria-invalid={urlError ? true : undefined}
          placeholder="https://www.youtube.com/watch?v=…"
        />
        <p id="add-url-hint" className="hint">
          Any YouTube link (watch, youtu.be, shorts, live) or an 11-character video id, or a playlist link (youtube.com/playlist?list=…) to add all its videos.
        </p>
        <ErrorNotice id="add-url-error" message={urlError} />
      </div>
      <div className="field">
        <label htmlFor="add-title">Title (optional)</label>
        <input
          id="add-title"
          name="title"
          type="text"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-describedby="add-title-hint add-title-error"
          aria-invalid={titleError ? true : undefined}
        />
        <p id="add-title-hint" className="hint">
          Wins over YouTube's title; needed when YouTube cannot be reached.
        </p>
        <ErrorNotice id="add-title-error" message={titleError} />
      </div>
      <fieldset className="field-row">
        <legend>From a playlist: a draft course</legend>
        <div className="field">
          <label htmlFor="add-course">Course slug (optional)</label>
          <input
            id="add-course"
            name="course"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={course}
            onChange={(e) => setCourse(e.target.value)}
            aria-describedby="add-course-hint add-course-error"
            aria-invalid={courseError ? true : undefined}
            placeholder="linear-algebra"
          />
          <p id="add-course-hint" className="hint">
            Writes content/courses/&lt;slug&gt;/ in playlist order, unpublished. Existing files are kept.
          </p>
          <ErrorNotice id="add-course-error" message={courseError} />
        </div>
        <div className="field narrow">
          <label htmlFor="add-group">Videos per chapter</label>
          <input
            id="add-group"
            name="group"
            type="number"
            min={1}
            step={1}
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            aria-describedby="add-group-error"
            aria-invalid={groupError ? true : undefined}
          />
          <ErrorNotice id="add-group-error" message={groupError} />
        </div>
      </fieldset>
      <button type="submit" className="button primary" disabled={busy}>
        Add video
      </button>
    </form>
  );
}

function EditVideo({ video, onSaved }: { video: LibraryVideo; onSaved: (message: string) => void }) {
  const [title, setTitle] = useState(video.entryTitle ?? '');
  const [chapters, setChapters] = useState(video.chapters);
  const [error, setError] = useState<{ message: string; field?: string } | undefined>();
  const ids = { title: `title-${video.id}`, chapters: `chapters-${video.id}`, error: `edit-error-${video.id}` };

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const answer = await studioApi<{ file: string }>(`videos/${video.id}`, { method: 'PUT', body: { title, chapters, version: video.version } });
    if (!answer.ok) return setError({ message: answer.message, ...(answer.field ? { field: answer.field } : {}) });
    onSaved(`Saved ${answer.data.file}.`);
  }

  return (
    <details className="studio-details">
      <summary>Edit title and chapters</summary>
      <form className="studio-form" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={ids.title}>Title</label>
          <input
            id={ids.title}
            type="text"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={video.title ?? ''}
            aria-invalid={error?.field === 'title' ? true : undefined}
            aria-describedby={ids.error}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.chapters}>Chapters</label>
          <textarea
            id={ids.chapters}
            rows={4}
            value={chapters}
            onChange={(e) => setChapters(e.target.value)}
            aria-describedby={`${ids.chapters}-hint ${ids.error}`}
            aria-invalid={error?.field === 'chapters' ? true : undefined}
            spellCheck={false}
          />
          <p id={`${ids.chapters}-hint`} className="hint">
            One per line, start time then title: <code>0:00 Introduction</code>, <code>4:05 Layers</code>. Empty: YouTube's chapters.
          </p>
        </div>
        <ErrorNotice id={ids.error} message={error?.message} />
        <button type="submit" className="button">
          Save
        </button>
      </form>
    </details>
  );
}

function AttachCaptions({ video, onSaved }: { video: LibraryVideo; onSaved: (message: string) => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const ids = { file: `caption-file-${video.id}`, text: `caption-text-${video.id}`, error: `caption-error-${video.id}` };

  async function attach(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const answer = await studioApi<{ file: string; cues: number; warnings: string[]; replaced: string[] }>(`videos/${video.id}/captions`, {
      body: { text, ...(fileName ? { fileName } : {}) },
    });
    if (!answer.ok) return setError(answer.message);
    const { file, cues, warnings, replaced } = answer.data;
    setText('');
    onSaved(
      `Stored ${file} (${cues} cues)${replaced.length ? `, replacing ${replaced.join(', ')}` : ''}. ${warnings.length ? `Skipped: ${warnings.join('; ')}. ` : ''}Process the video to use it.`,
    );
  }

  return (
    <details className="studio-details">
      <summary>{video.captionFile ? `Captions: ${video.captionFile}` : 'Attach captions'}</summary>
      <form className="studio-form" onSubmit={attach} noValidate>
        <div className="field">
          <label htmlFor={ids.file}>Caption file</label>
          <input
            id={ids.file}
            type="file"
            accept=".vtt,.srt,.txt,text/vtt,text/plain"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              setText(await file.text());
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.text}>Or paste captions</label>
          <textarea
            id={ids.text}
            rows={5}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(undefined);
            }}
            aria-describedby={`${ids.text}-hint ${ids.error}`}
            aria-invalid={error ? true : undefined}
            spellCheck={false}
          />
          <p id={`${ids.text}-hint`} className="hint">
            WebVTT, SRT, or timestamped lines like <code>1:23 text</code>. Used instead of YouTube's captions.
          </p>
        </div>
        <ErrorNotice id={ids.error} message={error} />
        <button type="submit" className="button">
          Attach captions
        </button>
      </form>
    </details>
  );
}

function VideoCard({
  video,
  running,
  onRun,
  onSaved,
}: {
  video: LibraryVideo;
  running: boolean;
  onRun: (id: string, retry: boolean) => void;
  onSaved: (message: string) => void;
}) {
  const status = STATUS_LABEL[video.status];
  const headingId = `video-${video.id}`;
  return (
    <li className="video-card" data-video={video.id} aria-labelledby={headingId}>
      <div className="video-head">
        <h3 id={headingId}>{video.title ?? `YouTube video ${video.id}`}</h3>
        <span className="badge" data-tone={status.tone} data-status={video.status}>
          {status.label}
        </span>
      </div>
      <p className="facts muted">
        <code>{video.id}</code>
        {video.durationSeconds ? <span>{duration(video.durationSeconds)}</span> : null}
        {video.attempts ? <span>{video.attempts === 1 ? '1 attempt' : `${video.attempts} attempts`}</span> : null}
        {video.captionFile ? <span>caption file</span> : null}
      </p>
      {video.error ? (
        <p className="video-error">
          {video.error}
          {video.servingPrevious ? ' (the site still shows the previous notes)' : ''}
        </p>
      ) : null}
      <div className="actions">
        {video.status === 'failed' ? (
          <button type="button" className="button" onClick={() => onRun(video.id, true)} disabled={running} aria-describedby={headingId}>
            Retry
          </button>
        ) : video.status !== 'completed' ? (
          <button type="button" className="button" onClick={() => onRun(video.id, false)} disabled={running} aria-describedby={headingId}>
            Process now
          </button>
        ) : null}
        <a href={`/videos/${video.id}/`}>Open video page</a>
      </div>
      <EditVideo key={`edit-${video.version}`} video={video} onSaved={onSaved} />
      <AttachCaptions video={video} onSaved={onSaved} />
    </li>
  );
}

export default function VideoLibrary() {
  const [listing, setListing] = useState<Listing | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [runError, setRunError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [log, setLog] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    const answer = await studioApi<Listing>('videos');
    if (!answer.ok) return setLoadError(answer.message);
    setLoadError(undefined);
    setListing(answer.data);
    setRunning(Boolean(answer.data.running));
  }, []);

  useEffect(() => {
    keepStudioPage();
    void load();
    const refreshSoon = () => {
      clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => void load(), 250);
    };
    const unsubscribe = subscribeStudioEvents((event) => {
      if (event.type === 'status') {
        setListing(
          (current) =>
            current && {
              ...current,
              // A status without an error clears the old one: a retried video that completed shows no failure.
              videos: current.videos.map((v) => {
                if (v.id !== event.id) return v;
                const { error: _previous, ...rest } = v;
                return { ...rest, status: event.status, ...(event.error ? { error: event.error } : {}) };
              }),
            },
        );
        refreshSoon();
      } else if (event.type === 'progress') {
        setLog((lines) => [...lines, ...event.line.split('\n')].slice(-200));
      } else if (event.type === 'run') {
        setRunning(event.state === 'started');
        if (event.state === 'finished' && event.message) setRunError(event.message);
      } else refreshSoon();
    });
    return () => {
      unsubscribe();
      clearTimeout(refreshTimer.current);
    };
  }, [load]);

  async function run(id: string | undefined, retry: boolean) {
    setRunError(undefined);
    setLog([]);
    const path = id ? `videos/${id}/${retry ? 'retry' : 'process'}` : 'process';
    const answer = await studioApi<{ running: string[] }>(path, { method: 'POST', body: {} });
    if (!answer.ok) return setRunError(answer.message);
    setRunning(true);
  }

  const saved = (message: string) => {
    setNotice(message);
    void load();
  };

  const videos = listing?.videos ?? [];
  return (
    <div className="video-library">
      <section aria-labelledby="add-heading" className="studio-panel">
        <h2 id="add-heading">Add a video</h2>
        <AddVideoForm onAdded={saved} />
      </section>
      <p className="notice-line" role="status">
        {notice}
      </p>
      <ErrorNotice message={loadError} />

      <section aria-labelledby="library-heading">
        <div className="library-head">
          <h2 id="library-heading">Library {listing ? <span className="muted">({videos.length})</span> : null}</h2>
          <button type="button" className="button" onClick={() => void run(undefined, false)} disabled={running || !listing}>
            Process all pending
          </button>
        </div>
        <ErrorNotice message={runError} />
        <section aria-labelledby="log-heading" className="run-log" hidden={log.length === 0}>
          <h3 id="log-heading">
            Pipeline output{' '}
            {running ? (
              <span className="badge" data-tone="info">
                running
              </span>
            ) : null}
          </h3>
          <pre role="log" aria-live="polite" tabIndex={0}>
            {log.join('\n')}
          </pre>
        </section>
        {listing?.problems.length ? (
          <ul className="problems" aria-label="Library problems">
            {listing.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        {!listing && !loadError ? <p className="muted">Loading the library…</p> : null}
        {listing && videos.length === 0 ? <p className="muted">The library is empty: add a video above.</p> : null}
        <ul className="video-list" role="list">
          {videos.map((video) => (
            <VideoCard key={video.id} video={video} running={running} onRun={(id, retry) => void run(id, retry)} onSaved={saved} />
          ))}
        </ul>
      </section>
    </div>
  );
}
