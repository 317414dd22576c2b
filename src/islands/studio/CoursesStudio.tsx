/**
 * /admin/courses/ in the studio: every course with its status, whether it is
 * published, its author and counts, and "New course", which writes
 * content/courses/<slug>/course.yaml and opens the course builder.
 */
import { useEffect, useState, type SyntheticEvent } from 'react';
import { listCourses, post, type ContentProblem, type CourseSummary } from './studio-api.ts';
import { ProblemList } from './ProblemList.tsx';
import { keepStudioPage } from '../../studio/client/keep-page.ts';
import './course-studio.css';

/** The folder name a course name becomes, as the authoring guide's slugs are written. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export default function CoursesStudio() {
  const [courses, setCourses] = useState<CourseSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [problems, setProblems] = useState<ContentProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => keepStudioPage(), []);
  useEffect(() => {
    void listCourses().then((r) => (r.ok ? setCourses(r.data.courses) : setLoadError(r.error ?? 'The courses could not be read.')));
  }, []);

  const shownSlug = slugEdited ? slug : slugFromName(name);

  async function create(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await post<{ slug: string }>('create-course', { name, slug: shownSlug });
    setBusy(false);
    if (result.ok) {
      window.location.assign(`/admin/courses/${result.data.slug}/`);
      return;
    }
    setProblems(result.problems);
    setError(result.error);
  }

  const nameProblem = problems.find((p) => p.field === 'name' || p.field === '');
  const slugProblem = problems.find((p) => p.field === 'slug');

  return (
    <div className="studio">
      {loadError && (
        <p className="notice" data-tone="danger" role="alert">
          {loadError}
        </p>
      )}
      <div className="studio-actions">
        <button type="button" className="button primary" aria-expanded={creating} aria-controls="studio-new-course" onClick={() => setCreating(!creating)}>
          New course
        </button>
      </div>
      {creating && (
        <form id="studio-new-course" className="card studio-panel" onSubmit={create} aria-labelledby="studio-new-course-title" noValidate>
          <h2 id="studio-new-course-title">New course</h2>
          <ProblemList problems={problems} error={error} />
          <div className="studio-field">
            <label htmlFor="studio-course-name">Course name</label>
            <input
              id="studio-course-name"
              value={name}
              required
              autoFocus
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={nameProblem ? 'studio-course-name-error' : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            {nameProblem && (
              <p className="studio-field-error" id="studio-course-name-error">
                {nameProblem.message}
              </p>
            )}
          </div>
          <div className="studio-field">
            <label htmlFor="studio-course-slug">
              Folder and web address{' '}
              <span className="muted">
                (content/courses/{shownSlug || '…'}/, /courses/{shownSlug || '…'}/)
              </span>
            </label>
            <input
              id="studio-course-slug"
              value={shownSlug}
              aria-invalid={slugProblem ? true : undefined}
              aria-describedby={slugProblem ? 'studio-course-slug-error' : undefined}
              onChange={(e) => {
                setSlugEdited(true);
                setSlug(e.target.value);
              }}
            />
            {slugProblem && (
              <p className="studio-field-error" id="studio-course-slug-error">
                {slugProblem.message}
              </p>
            )}
          </div>
          <p className="muted">The course starts unpublished, as a draft: add chapters and items, then publish it from the builder.</p>
          <button type="submit" className="button primary" disabled={busy}>
            Create course
          </button>
        </form>
      )}
      {courses === null && !loadError && <p className="muted">Reading courses…</p>}
      {courses && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Courses">
          <table className="studio-table">
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Status</th>
                <th scope="col">Published</th>
                <th scope="col">Author</th>
                <th scope="col">Chapters</th>
                <th scope="col">Items</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">
                    <a href={`/admin/courses/${c.slug}/`}>{c.name}</a>
                    <br />
                    <code className="muted">{c.slug}</code>
                  </th>
                  <td>
                    <span
                      className="badge"
                      data-tone={c.status === 'ready' ? 'success' : c.status === 'failed' ? 'danger' : c.status === 'draft' ? 'warning' : 'info'}
                    >
                      {c.status}
                    </span>
                  </td>
                  <td>{c.isPublished ? 'Yes' : 'No'}</td>
                  <td>{c.createdBy ?? <span className="muted">not set</span>}</td>
                  <td>{c.chapters}</td>
                  <td>{c.items}</td>
                  <td>
                    {c.problems === 0 && c.warnings === 0 && <span className="muted">none</span>}
                    {c.problems > 0 && (
                      <span className="badge" data-tone="danger">
                        {c.problems === 1 ? '1 error' : `${c.problems} errors`}
                      </span>
                    )}{' '}
                    {c.warnings > 0 && (
                      <span className="badge" data-tone="warning">
                        {c.warnings === 1 ? '1 warning' : `${c.warnings} warnings`}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
