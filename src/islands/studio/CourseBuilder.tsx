/**
 * The course builder (/admin/courses/<slug>/ in the studio): course settings,
 * the chapter and item tree (add, rename, edit, delete, reorder by drag and drop
 * or keyboard with @dnd-kit), item forms generated from the schemas, MDX bodies
 * with a preview, and the changed files with the git commands to commit them.
 * Every change is a file write the server validates with `npm run check`'s rules.
 */
import { useCallback, useEffect, useRef, useState, type SyntheticEvent, type ReactNode } from 'react';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import courseSchemaJson from '../../../schemas/course.schema.json';
import itemSchemaJson from '../../../schemas/item.schema.json';
import { loadCourse, post, problemLine, type ContentProblem, type CourseView, type StudioChapter, type StudioItem } from './studio-api.ts';
import { SchemaFields, editsFrom, itemVariant, type FormValue, type JsonSchema } from './SchemaForm.tsx';
import { ProblemList } from './ProblemList.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { keepStudioPage } from '../../studio/client/keep-page.ts';
import './course-studio.css';

// The generated JSON is data, read through the JsonSchema shape the form walks.
const courseSchema = courseSchemaJson as unknown as JsonSchema;
const itemSchema = itemSchemaJson as unknown as JsonSchema;
const itemTypes = ['video', 'text', 'quiz', 'assignment', 'resource'] as const;
type ItemType = (typeof itemTypes)[number];
const typeLabels: Record<ItemType, string> = { video: 'Video', text: 'Text', quiz: 'Quiz', assignment: 'Assignment', resource: 'Resource' };
const mdxTypes: readonly string[] = ['text', 'assignment'];

type Failure = { problems: ContentProblem[]; error: string | null };
const noFailure: Failure = { problems: [], error: null };

const chapterName = (ch: StudioChapter) => (typeof ch.data.name === 'string' ? ch.data.name : ch.slug);
const itemTitle = (item: StudioItem, videos: CourseView['videos']) =>
  typeof item.data.title === 'string'
    ? item.data.title
    : item.type === 'video'
      ? (videos.find((v) => v.id === item.data.video)?.title ?? String(item.data.video ?? item.slug))
      : item.slug;

/** Screen reader announcements for reordering, naming what moves and where it lands. */
function announcementsFor(kind: string, nameOf: (id: string) => string, positionOf: (id: string) => number, count: number): Announcements {
  return {
    onDragStart: ({ active }) =>
      `Picked up ${kind} ${nameOf(String(active.id))}, position ${positionOf(String(active.id)) + 1} of ${count}. Use the up and down arrow keys to move it, Space to drop it, Escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${nameOf(String(active.id))} is over position ${positionOf(String(over.id)) + 1} of ${count}.`
        : `${nameOf(String(active.id))} is no longer over a position.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${nameOf(String(active.id))} dropped at position ${positionOf(String(over.id)) + 1} of ${count}.`
        : `${nameOf(String(active.id))} dropped where it was.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(String(active.id))} was cancelled; it stays at position ${positionOf(String(active.id)) + 1}.`,
  };
}

/** A sortable row: the handle (a button) picks it up with the mouse, touch, or Space and the arrow keys. */
function SortableRow({
  id,
  label,
  children,
  as: Tag = 'li',
  labelledBy,
}: {
  id: string;
  label: string;
  children: (handle: ReactNode) => ReactNode;
  as?: 'li' | 'section';
  labelledBy?: string;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const handle = (
    <button type="button" className="studio-handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={label}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
        <path d="M5 3h2v2H5zm4 0h2v2H9zM5 7h2v2H5zm4 0h2v2H9zm-4 4h2v2H5zm4 0h2v2H9z" fill="currentColor" />
      </svg>
    </button>
  );
  return (
    <Tag
      ref={setNodeRef}
      aria-labelledby={labelledBy}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-dragging={isDragging || undefined}
      className={Tag === 'li' ? 'studio-item' : 'studio-chapter card'}
    >
      {children(handle)}
    </Tag>
  );
}

function useReorderSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
}

interface ItemEditorProps {
  view: CourseView;
  chapter: StudioChapter;
  /** An existing item, or the type and title of a new one. */
  item: StudioItem | { type: ItemType; title: string };
  onDone: (message: string | null) => void;
}

function ItemEditor({ view, chapter, item, onDone }: ItemEditorProps) {
  const existing = 'file' in item ? item : null;
  const type = (existing ? existing.type : item.type) ?? 'text';
  const schema = itemVariant(itemSchema, type) ?? { properties: {} };
  const original = existing ? existing.data : {};
  const [value, setValue] = useState<FormValue>(existing ? { ...existing.data } : { title: 'title' in item ? item.title : '' });
  const [body, setBody] = useState(existing?.body?.replace(/^\n+/, '') ?? '');
  const [failure, setFailure] = useState<Failure>(noFailure);
  const [preview, setPreview] = useState<{ html: string; problems: ContentProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const hasBody = mdxTypes.includes(type);
  useEffect(() => heading.current?.focus(), []);

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    const edits = editsFrom(schema, original, value);
    const result = existing
      ? await post('edit-item', { file: existing.file, version: existing.version, edits, body: hasBody ? body : undefined })
      : await post<{ file: string }>('add-item', { folder: chapter.folder, type, fields: edits, body: hasBody ? body : undefined });
    setBusy(false);
    if (!result.ok) {
      setFailure({ problems: result.problems, error: result.error });
      return;
    }
    onDone(existing ? `Saved ${existing.file}.` : `Added ${(result.data as { file?: string }).file ?? 'the item'}.`);
  }

  async function showPreview() {
    const result = await post<{ html: string; problems: ContentProblem[] }>('preview', { file: existing?.file ?? `${chapter.folder}/new-item.mdx`, body });
    setPreview(result.ok ? result.data : { html: '', problems: result.problems });
  }

  const title = existing
    ? `Edit ${typeLabels[type].toLowerCase()}: ${itemTitle(existing, view.videos)}`
    : `New ${typeLabels[type].toLowerCase()} in “${chapterName(chapter)}”`;
  const bodyProblems = failure.problems.filter((p) => p.field === '' && /^line \d+/.test(p.message));
  return (
    <form className="studio-editor card" onSubmit={save} aria-labelledby="studio-editor-title" noValidate>
      <h4 id="studio-editor-title" tabIndex={-1} ref={heading}>
        {title}
      </h4>
      {existing && (
        <p className="muted">
          <code>{existing.file}</code>
        </p>
      )}
      <ProblemList problems={failure.problems} error={failure.error} />
      <SchemaFields schema={schema} value={value} onChange={setValue} problems={failure.problems} hidden={['order']} videos={view.videos} />
      {hasBody && (
        <div className="studio-field">
          <label htmlFor="studio-body">
            {type === 'text' ? 'Text (MDX)' : 'Instructions (MDX)'} <span className="muted">Markdown, with &lt;Callout&gt; and &lt;Figure&gt;</span>
          </label>
          <textarea
            id="studio-body"
            className="studio-body"
            rows={12}
            value={body}
            aria-invalid={bodyProblems.length > 0 || undefined}
            onChange={(e) => setBody(e.target.value)}
          />
          <div className="studio-actions">
            <button type="button" className="button" onClick={() => void showPreview()}>
              Preview text
            </button>
          </div>
          {preview && (
            <section className="studio-preview" aria-label="Preview of the text">
              <ProblemList problems={preview.problems} error={null} title="The check would refuse this text:" />
              <div className="prose" dangerouslySetInnerHTML={{ __html: preview.html }} />
            </section>
          )}
        </div>
      )}
      <div className="studio-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export default function CourseBuilder({ slug }: { slug: string }) {
  const [view, setView] = useState<CourseView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<Failure>(noFailure);
  const [courseValue, setCourseValue] = useState<FormValue>({});
  const [courseFailure, setCourseFailure] = useState<Failure>(noFailure);
  const [editing, setEditing] = useState<{ chapter: string; item: StudioItem | { type: ItemType; title: string } } | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ title: string; message: string; confirmLabel: string; run: () => Promise<void> } | null>(null);
  const [newChapter, setNewChapter] = useState('');
  const sensors = useReorderSensors();

  const reload = useCallback(async () => {
    const result = await loadCourse(slug);
    if (!result.ok) {
      setLoadError(result.error ?? 'The course could not be read.');
      return;
    }
    setView(result.data);
    setCourseValue({ ...result.data.course.data });
  }, [slug]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => keepStudioPage(), []);

  async function run(action: string, body: unknown, done: string): Promise<boolean> {
    const result = await post(action, body);
    if (!result.ok) {
      await reload();
      setFailure({ problems: result.problems, error: result.error });
      setStatus('');
      return false;
    }
    setFailure(noFailure);
    await reload();
    setStatus(done);
    return true;
  }

  if (loadError)
    return (
      <p className="notice" data-tone="danger" role="alert">
        {loadError}
      </p>
    );
  if (!view) return <p className="muted">Reading the course…</p>;
  const { course } = view;
  const courseName = typeof course.data.name === 'string' ? course.data.name : slug;
  // Errors fail the build; warnings are a draft's unfinished parts, which only block publishing.
  const errors = course.problems.filter((p) => p.severity !== 'warning');
  const warnings = course.problems.filter((p) => p.severity === 'warning');

  async function saveCourse(event: SyntheticEvent) {
    event.preventDefault();
    const result = await post('edit-course', { slug, version: course.version, edits: editsFrom(courseSchema, course.data, courseValue) });
    if (result.ok) {
      setCourseFailure(noFailure);
      await reload();
      setStatus(`Saved ${course.file}.`);
    } else {
      setCourseFailure({ problems: result.problems, error: result.error });
    }
  }

  async function reorder(list: { file: string; version: string | null }[], event: DragEndEvent, done: string) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    const from = list.findIndex((x) => x.file === active.id);
    const to = list.findIndex((x) => x.file === over.id);
    if (from < 0 || to < 0) return;
    await run('reorder', { files: arrayMove(list, from, to) }, done);
  }

  const chapterIds = course.chapters.map((ch) => ch.file);
  const chapterByFile = (file: string) => course.chapters.find((ch) => ch.file === file);

  return (
    <div className="studio">
      <div className="studio-toolbar">
        <a href="/admin/courses/">All courses</a>
        <a className="button" href={`/courses/${slug}/`}>
          Preview
        </a>
      </div>
      <p role="status" className="studio-status">
        {status}
      </p>
      <ProblemList problems={failure.problems} error={failure.error} />
      {errors.length > 0 && (
        <div className="notice studio-course-errors" data-tone="danger">
          <p>
            <strong>The build fails until this is fixed:</strong> <code>npm run check</code> reports{' '}
            {errors.length === 1 ? 'an error' : `${errors.length} errors`} in this course.
          </p>
          <ul>
            {errors.map((p) => (
              <li key={problemLine(p)}>
                <code>{problemLine(p)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="notice studio-course-warnings" data-tone="warning">
          <p>
            <strong>Not ready to publish:</strong> <code>npm run check</code> reports {warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`} in
            this draft. The build passes (drafts are left out of it); publishing needs them fixed.
          </p>
          <ul>
            {warnings.map((p) => (
              <li key={problemLine(p)}>
                <code>{problemLine(p)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="studio-columns">
        <section aria-labelledby="studio-outline" className="studio-outline">
          <h2 id="studio-outline" tabIndex={-1}>
            Chapters and items
          </h2>
          {course.chapters.length === 0 && <p className="muted">No chapters yet. Add the first one below.</p>}
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            accessibility={{
              announcements: announcementsFor(
                'chapter',
                (id) => {
                  const ch = chapterByFile(id);
                  return ch ? chapterName(ch) : id;
                },
                (id) => chapterIds.indexOf(id),
                chapterIds.length,
              ),
              screenReaderInstructions: {
                draggable: 'To move a chapter, press Space, then the up and down arrow keys, then Space again to drop it. Escape cancels.',
              },
            }}
            onDragEnd={(event) =>
              void reorder(
                course.chapters.map((ch) => ({ file: ch.file, version: ch.version })),
                event,
                'Chapters reordered.',
              )
            }
          >
            <SortableContext items={chapterIds} strategy={verticalListSortingStrategy}>
              {course.chapters.map((chapter) => {
                const name = chapterName(chapter);
                const itemIds = chapter.items.map((i) => i.file);
                const itemByFile = (file: string) => chapter.items.find((i) => i.file === file);
                return (
                  <SortableRow key={chapter.file} id={chapter.file} label={`Move chapter ${name}`} as="section" labelledBy={`h-${chapter.slug}`}>
                    {(handle) => (
                      <>
                        <div className="studio-row-head">
                          {handle}
                          <h3 id={`h-${chapter.slug}`}>{name}</h3>
                          <button
                            type="button"
                            className="button"
                            id={`rename-${chapter.slug}-button`}
                            onClick={() => setRenaming(renaming === chapter.file ? null : chapter.file)}
                            aria-expanded={renaming === chapter.file}
                          >
                            Rename<span className="visually-hidden"> chapter {name}</span>
                          </button>
                          <button
                            type="button"
                            className="button"
                            onClick={() =>
                              setConfirm({
                                title: `Delete chapter “${name}”?`,
                                message: `This deletes ${chapter.folder}/ and its ${chapter.items.length} item file${chapter.items.length === 1 ? '' : 's'}. Git keeps the last committed version.`,
                                confirmLabel: 'Delete chapter',
                                run: async () => {
                                  const versions = Object.fromEntries([
                                    [chapter.file, chapter.version ?? ''],
                                    ...chapter.items.map((i) => [i.file, i.version]),
                                  ]);
                                  await run('delete-chapter', { folder: chapter.folder, versions }, `Deleted ${chapter.folder}/.`);
                                },
                              })
                            }
                          >
                            Delete<span className="visually-hidden"> chapter {name}</span>
                          </button>
                        </div>
                        {renaming === chapter.file && (
                          <ChapterRename
                            chapter={chapter}
                            onDone={async (newName) => {
                              if (
                                newName !== null &&
                                !(await run(
                                  'edit-chapter',
                                  { file: chapter.file, version: chapter.version, edits: { name: newName } },
                                  `Renamed the chapter to “${newName}”.`,
                                ))
                              )
                                return;
                              setRenaming(null);
                              // Back to the button that opened the form, so a keyboard user keeps their place.
                              requestAnimationFrame(() => document.getElementById(`rename-${chapter.slug}-button`)?.focus());
                            }}
                          />
                        )}
                        <DndContext
                          sensors={sensors}
                          collisionDetection={closestCenter}
                          accessibility={{
                            announcements: announcementsFor(
                              'item',
                              (id) => {
                                const it = itemByFile(id);
                                return it ? itemTitle(it, view.videos) : id;
                              },
                              (id) => itemIds.indexOf(id),
                              itemIds.length,
                            ),
                            screenReaderInstructions: {
                              draggable: 'To move an item, press Space, then the up and down arrow keys, then Space again to drop it. Escape cancels.',
                            },
                          }}
                          onDragEnd={(event) =>
                            void reorder(
                              chapter.items.map((i) => ({ file: i.file, version: i.version })),
                              event,
                              `Items of “${name}” reordered.`,
                            )
                          }
                        >
                          <SortableContext items={itemIds} strategy={verticalListSortingStrategy}>
                            <ol className="studio-items">
                              {chapter.items.map((item) => {
                                const title = itemTitle(item, view.videos);
                                const open = editing?.chapter === chapter.file && 'file' in editing.item && editing.item.file === item.file;
                                return (
                                  <SortableRow key={item.file} id={item.file} label={`Move ${title}`}>
                                    {(itemHandle) => (
                                      <>
                                        <div className="studio-row-head">
                                          {itemHandle}
                                          <span className="badge">{item.type ? typeLabels[item.type] : 'Unknown'}</span>
                                          <span className="studio-item-title">{title}</span>
                                          <button
                                            type="button"
                                            className="button"
                                            aria-expanded={open}
                                            onClick={() => setEditing(open ? null : { chapter: chapter.file, item })}
                                          >
                                            Edit<span className="visually-hidden"> {title}</span>
                                          </button>
                                          <button
                                            type="button"
                                            className="button"
                                            onClick={() =>
                                              setConfirm({
                                                title: `Delete “${title}”?`,
                                                message: `This deletes ${item.file}.`,
                                                confirmLabel: 'Delete item',
                                                run: async () =>
                                                  void (await run('delete-item', { file: item.file, version: item.version }, `Deleted ${item.file}.`)),
                                              })
                                            }
                                          >
                                            Delete<span className="visually-hidden"> {title}</span>
                                          </button>
                                        </div>
                                        {open && (
                                          <ItemEditor
                                            view={view}
                                            chapter={chapter}
                                            item={item}
                                            onDone={(message) => {
                                              setEditing(null);
                                              if (message) void reload().then(() => setStatus(message));
                                            }}
                                          />
                                        )}
                                      </>
                                    )}
                                  </SortableRow>
                                );
                              })}
                            </ol>
                          </SortableContext>
                        </DndContext>
                        {editing?.chapter === chapter.file && !('file' in editing.item) ? (
                          <ItemEditor
                            key={`${editing.item.type}-${editing.item.title}`}
                            view={view}
                            chapter={chapter}
                            item={editing.item}
                            onDone={(message) => {
                              setEditing(null);
                              if (message) void reload().then(() => setStatus(message));
                            }}
                          />
                        ) : (
                          <AddItem chapter={chapter} onAdd={(type, title) => setEditing({ chapter: chapter.file, item: { type, title } })} />
                        )}
                      </>
                    )}
                  </SortableRow>
                );
              })}
            </SortableContext>
          </DndContext>
          <form
            className="studio-inline-form"
            onSubmit={async (event) => {
              event.preventDefault();
              if (await run('add-chapter', { course: slug, name: newChapter }, `Added the chapter “${newChapter}”.`)) setNewChapter('');
            }}
          >
            <div className="studio-field">
              <label htmlFor="studio-chapter-name">Chapter name</label>
              <input id="studio-chapter-name" value={newChapter} onChange={(e) => setNewChapter(e.target.value)} />
            </div>
            <button type="submit" className="button primary">
              Add chapter
            </button>
          </form>
        </section>

        <aside className="studio-side">
          <form className="card studio-panel" onSubmit={saveCourse} aria-labelledby="studio-settings" noValidate>
            <h2 id="studio-settings">Course settings</h2>
            <p className="muted">
              <code>{course.file}</code>
            </p>
            <ProblemList problems={courseFailure.problems} error={courseFailure.error} />
            <SchemaFields
              schema={courseSchema}
              value={courseValue}
              onChange={setCourseValue}
              problems={courseFailure.problems}
              labelOverride={{ name: 'Course name' }}
            />
            <button type="submit" className="button primary">
              Save
            </button>
          </form>
          <ChangedFiles view={view} courseName={courseName} />
        </aside>
      </div>
      {confirm && (
        <ConfirmDialog
          title={confirm.title}
          message={confirm.message}
          confirmLabel={confirm.confirmLabel}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const action = confirm.run;
            setConfirm(null);
            // What had focus is gone; the outline's heading is the nearest place to continue from.
            void action().then(() => document.getElementById('studio-outline')?.focus());
          }}
        />
      )}
    </div>
  );
}

function ChapterRename({ chapter, onDone }: { chapter: StudioChapter; onDone: (name: string | null) => void }) {
  const [name, setName] = useState(chapterName(chapter));
  const id = `rename-${chapter.slug}`;
  return (
    <form
      className="studio-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onDone(name);
      }}
    >
      <div className="studio-field">
        <label htmlFor={id}>Chapter name</label>
        <input id={id} value={name} autoFocus onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" className="button primary">
        Save
      </button>
      <button type="button" className="button" onClick={() => onDone(null)}>
        Cancel
      </button>
    </form>
  );
}

function AddItem({ chapter, onAdd }: { chapter: StudioChapter; onAdd: (type: ItemType, title: string) => void }) {
  const [type, setType] = useState<ItemType>('video');
  const [title, setTitle] = useState('');
  const id = `add-${chapter.slug}`;
  return (
    <form
      className="studio-inline-form"
      aria-label={`Add an item to ${chapterName(chapter)}`}
      onSubmit={(e) => {
        e.preventDefault();
        onAdd(type, title);
      }}
    >
      <div className="studio-field">
        <label htmlFor={`${id}-type`}>Item type</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as ItemType)}>
          {itemTypes.map((t) => (
            <option key={t} value={t}>
              {typeLabels[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="studio-field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <button type="submit" className="button">
        Add item
      </button>
    </form>
  );
}

function ChangedFiles({ view, courseName }: { view: CourseView; courseName: string }) {
  const { changes } = view;
  return (
    <section className="card studio-panel" aria-labelledby="studio-changes">
      <h2 id="studio-changes">Changed files</h2>
      {!changes.git && <p className="muted">This project is not a git repository, so changes cannot be listed.</p>}
      {changes.git && changes.files.length === 0 && <p className="muted">No uncommitted changes in content/.</p>}
      {changes.files.length > 0 && (
        <>
          <ul className="studio-changes">
            {changes.files.map((f) => (
              <li key={f.file}>
                <span className="badge" data-tone={f.status === 'deleted' ? 'danger' : f.status === 'added' ? 'success' : 'info'}>
                  {f.status}
                </span>{' '}
                <code>{f.file}</code>
              </li>
            ))}
          </ul>
          <p>
            To propose them for review, commit them on a branch of their own (the studio never commits or pushes) and open a pull request for “{courseName}”:
          </p>
          {/* Wrapped rather than scrolled: a scrolling block would need its own tab stop. */}
          <pre className="studio-commands">
            <code>{changes.commands.join('\n')}</code>
          </pre>
        </>
      )}
    </section>
  );
}
