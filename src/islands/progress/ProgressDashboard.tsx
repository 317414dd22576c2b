/**
 * The /progress/ page body: every started course with its bar, last activity,
 * continue link and quiz scores, the learner's notes and bookmarks, overall totals over the started courses, export to
 * and import from a JSON file, and a reset behind a confirmation dialog.
 * Renders a neutral placeholder on the server; the learner's data after hydration, once the
 * outlines of the courses it touches are loaded (course-refs.ts).
 */
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useStore } from '@nanostores/react';
import { $progress, exportProgress, importProgress, resetProgress } from '../../stores/progress.ts';
import { continueTarget, courseProgressOf, isStarted, lastActivity, markHref, marksOf, overallProgressOf, quizScoreOf } from '../../stores/progress-model.ts';
import { formatTimestamp } from '../../browser/timestamp.ts';
import { countOf } from '../../browser/format.ts';
import { showProgressNotices } from './progress-notice.ts';
import { courseSlugsIn, loadCourseRefs } from './course-refs.ts';
import type { ProgressCourseRef } from './types.ts';
import './ProgressDashboard.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Bar({ percentage, label }: { percentage: number; label: string }) {
  return (
    <div className="track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percentage}>
      <div className="fill" style={{ inlineSize: `${percentage}%` }} />
    </div>
  );
}

export default function ProgressDashboard() {
  const state = useStore($progress);
  const [hydrated, setHydrated] = useState(false);
  const [courses, setCourses] = useState<ProgressCourseRef[]>([]);
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const slugs = courseSlugsIn(state).join('\n');

  useEffect(() => {
    showProgressNotices();
  }, []);

  // Reloaded when the set of courses changes (an import, a reset, another tab).
  useEffect(() => {
    let current = true;
    void loadCourseRefs(slugs ? slugs.split('\n') : []).then((refs) => {
      if (!current) return;
      setCourses(refs);
      setHydrated(true);
    });
    return () => {
      current = false;
    };
  }, [slugs]);

  const rows = useMemo(
    () =>
      courses.map((course) => {
        const keys = course.items.map((i) => i.key);
        return {
          course,
          started: isStarted(state, course.slug, keys),
          progress: courseProgressOf(state, keys),
          last: lastActivity(state, course.slug, keys),
          next: continueTarget(state, course.slug, course.items),
          quizzes: course.items.flatMap((item) => (item.passMark === undefined ? [] : [{ item, score: quizScoreOf(state, item.key) }])),
        };
      }),
    [courses, state],
  );
  const overall = useMemo(
    () =>
      overallProgressOf(
        state,
        courses.map((c) => ({ slug: c.slug, itemKeys: c.items.map((i) => i.key) })),
      ),
    [courses, state],
  );

  if (!hydrated) {
    return (
      <div className="progress-dashboard" data-state="neutral" aria-busy="true">
        <p className="muted">Loading the progress saved in this browser…</p>
      </div>
    );
  }

  const marks = marksOf(state);
  const started = rows.filter((r) => r.started).sort((a, b) => (b.last ?? 0) - (a.last ?? 0));

  async function onImport(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = importProgress(await file.text());
    setMessage(
      result.ok
        ? { tone: 'success', text: `Imported ${Object.keys(result.state.items).length} items from ${file.name}.` }
        : { tone: 'danger', text: `${file.name} is not a Learnspace progress file: ${result.reason}. Nothing was changed.` },
    );
  }

  return (
    <div className="progress-dashboard" data-state="ready">
      <section aria-labelledby="overall-heading" className="overall card">
        <h2 id="overall-heading">Overall</h2>
        <p data-testid="overall">
          {overall.coursesStarted === 0
            ? 'Nothing yet: progress appears here once you open a course.'
            : `${overall.completed} of ${countOf(overall.total, 'item')} done in the ${overall.coursesStarted === 1 ? 'course' : `${overall.coursesStarted} courses`} you started · ${overall.percentage}%` +
              (overall.coursesCompleted > 0 ? ` · ${overall.coursesCompleted} completed` : '')}
        </p>
        <Bar percentage={overall.percentage} label="Overall progress" />
      </section>

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">Your courses</h2>
        {started.length === 0 ? (
          <p>
            You have not started a course yet. <a href="/">Browse the catalog</a>.
          </p>
        ) : (
          <ul className="started" role="list">
            {started.map(({ course, progress, last, next, quizzes }) => (
              <li key={course.slug} className="card" data-course={course.slug}>
                <h3>
                  <a href={course.href}>{course.name}</a>
                </h3>
                <Bar percentage={progress.percentage} label={`${course.name} progress`} />
                <p className="muted">
                  {progress.completed} of {countOf(progress.total, 'item')} done · {progress.percentage}%
                  {last !== undefined && <> · last activity {dateFormat.format(last)}</>}
                </p>
                {quizzes.length > 0 && (
                  <table className="quiz-scores">
                    <caption className="visually-hidden">Quiz scores in {course.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Quiz</th>
                        <th scope="col">Best score</th>
                        <th scope="col">Attempts</th>
                        <th scope="col">Result</th>
                      </tr>
                    </thead>
                    <tbody>
                      {quizzes.map(({ item, score }) => (
                        <tr key={item.key} data-quiz={item.key}>
                          <th scope="row">
                            <a href={item.href}>{item.title}</a>
                          </th>
                          <td>{score ? `${score.bestScore}%` : '—'}</td>
                          <td>{score?.attempts ?? 0}</td>
                          <td data-result={score?.passed ? 'passed' : score ? 'not-passed' : 'not-tried'}>
                            {score?.passed ? 'Passed' : score ? `Not yet (${item.passMark}% to pass)` : 'Not tried'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {next && (
                  <a className="button primary" href={next.item.href}>
                    {next.kind === 'review' ? 'Review the course' : `Continue: ${next.item.title}`}
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {marks.length > 0 && (
        <section aria-labelledby="marks-heading">
          <h2 id="marks-heading">Your notes and bookmarks</h2>
          <ul className="marks" role="list">
            {marks.map((mark) => (
              <li key={mark.id} className="card" data-mark={mark.kind}>
                <a href={markHref(mark)}>
                  {mark.title} at {formatTimestamp(mark.seconds * 1000)}
                </a>
                <span className="muted"> · {mark.kind === 'bookmark' ? 'Bookmark' : 'Note'}</span>
                {mark.text && <p>{mark.text}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="data-heading" className="data">
        <h2 id="data-heading">Your data</h2>
        <p className="muted">Progress is kept in this browser only. Export it to move it to another browser or keep a copy.</p>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => download(exportProgress(), `learnspace-progress-${new Date().toISOString().slice(0, 10)}.json`)}
          >
            Export progress
          </button>
          <label className="button">
            Import progress
            <input type="file" accept="application/json,.json" className="visually-hidden" onChange={onImport} />
          </label>
          <button type="button" className="button danger" onClick={() => dialog.current?.showModal()}>
            Reset progress…
          </button>
        </div>
        {message && (
          <p className="notice" data-tone={message.tone} role="status">
            {message.text}
          </p>
        )}
      </section>

      <dialog
        ref={dialog}
        aria-labelledby="reset-heading"
        onClose={(event) => {
          if (event.currentTarget.returnValue === 'reset') {
            resetProgress();
            setMessage({ tone: 'success', text: 'Your progress in this browser was reset.' });
          }
        }}
      >
        <form method="dialog">
          <h2 id="reset-heading">Reset all progress?</h2>
          <p>This forgets every completed item, quiz score, visit, review card, note and bookmark saved in this browser. Export first if you want a copy.</p>
          <div className="actions">
            <button type="submit" value="cancel" className="button" autoFocus>
              Cancel
            </button>
            <button type="submit" value="reset" className="button danger">
              Reset progress
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
