/**
 * The studio's JSON API for courses (served under /__studio/api/courses/ by the
 * dev-only studio middleware): one function from a request to a response, so the
 * routes are plain data in and out. Refusals carry the check's problems; other
 * failures say what could not be done, never a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readVideoLibrary } from '../lib/content-files.ts';
import { mdxBodyProblems } from '../lib/content-tree.ts';
import { renderUntrustedMarkdown } from '../lib/markdown.ts';
import { readVideoStatus, videoMaterialFile } from '../lib/generated-files.ts';
import { itemTypes, type ItemType } from '../lib/schema.ts';
import type { ContentProblem } from '../lib/friendly-errors.ts';
import { ContentWriteError, type FieldEdits, type FileVersion } from './content-writer.ts';
import type { CourseFiles } from './course-files.ts';

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** A value from the request body, checked for the shape the route needs. */
class BadRequest extends Error {}
const text = (v: unknown, name: string): string => {
  if (typeof v !== 'string') throw new BadRequest(`expected "${name}" as text`);
  return v;
};
const version = (v: unknown): FileVersion => (typeof v === 'string' ? v : null);
const edits = (v: unknown): FieldEdits => (v && typeof v === 'object' && !Array.isArray(v) ? (v as FieldEdits) : {});
const optionalText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const itemType = (v: unknown): ItemType => {
  if (typeof v === 'string' && (itemTypes as readonly string[]).includes(v)) return v as ItemType;
  throw new BadRequest(`expected "type" to be one of ${itemTypes.join(', ')}`);
};

/** Library videos for the item form's picker: id and the best title known (entry, then pipeline). */
export function libraryVideos(root: string): { id: string; title: string }[] {
  return readVideoLibrary(root).videos.map((v) => {
    const data = (v.data ?? {}) as { title?: unknown };
    let title = typeof data.title === 'string' ? data.title : '';
    if (!title) {
      const status = readVideoStatus(v.id, root);
      if (status.ok && status.value.title) title = status.value.title;
    }
    if (!title) {
      const meta = videoMaterialFile(v.id, 'meta.yaml', root);
      const m = existsSync(meta) ? /^title:\s*"?(.*?)"?\s*$/m.exec(readFileSync(meta, 'utf8')) : null;
      title = m?.[1] ?? `YouTube video ${v.id}`;
    }
    return { id: v.id, title };
  });
}

/**
 * Renders an MDX body for the editor's preview: the same Markdown the site renders, formulas as
 * MathML (one that does not render is shown as its TeX, and listed with the check's body problems).
 */
export function previewBody(file: string, body: string): { html: string; problems: ContentProblem[] } {
  const problems = mdxBodyProblems({ file, body, bodyLine: 1 }).map((p) => ({ ...p, message: p.message.replace(/^line (\d+)/, 'body line $1') }));
  return { html: renderUntrustedMarkdown(body, 'show'), problems };
}

/** Handles one request to /__studio/api/courses/<path>. */
export async function handleCourseApi(files: CourseFiles, method: string, path: string, body: unknown): Promise<ApiResponse> {
  const b = edits(body);
  try {
    const route = `${method.toUpperCase()} ${path.replace(/^\/+|\/+$/g, '')}`;
    const [, slug] = /^GET course\/([a-z0-9-]+)$/.exec(route) ?? [];
    if (route === 'GET ' || route === 'GET list') return { status: 200, body: { courses: files.listCourses() } };
    if (slug) {
      const course = files.getCourse(slug);
      if (!course) return { status: 404, body: { error: `There is no course "${slug}" in content/courses/.` } };
      return { status: 200, body: { course, videos: libraryVideos(files.root), changes: await files.changedFiles(slug) } };
    }
    switch (route) {
      case 'POST create-course':
        return {
          status: 201,
          body: await files.createCourse({ name: text(b.name, 'name'), slug: optionalText(b.slug), createdBy: optionalText(b.createdBy) }),
        };
      case 'POST edit-course':
        await files.editCourse(text(b.slug, 'slug'), version(b.version), edits(b.edits));
        return { status: 200, body: { ok: true } };
      case 'POST add-chapter':
        return { status: 201, body: await files.addChapter(text(b.course, 'course'), text(b.name, 'name')) };
      case 'POST edit-chapter':
        await files.editChapter(text(b.file, 'file'), version(b.version), edits(b.edits));
        return { status: 200, body: { ok: true } };
      case 'POST delete-chapter':
        await files.deleteChapter(
          text(b.folder, 'folder'),
          Object.fromEntries(Object.entries(edits(b.versions)).filter((e): e is [string, string] => typeof e[1] === 'string')),
        );
        return { status: 200, body: { ok: true } };
      case 'POST add-item':
        return { status: 201, body: await files.addItem(text(b.folder, 'folder'), itemType(b.type), edits(b.fields), optionalText(b.body)) };
      case 'POST edit-item':
        await files.editItem(text(b.file, 'file'), version(b.version), edits(b.edits), optionalText(b.body));
        return { status: 200, body: { ok: true } };
      case 'POST delete-item':
        await files.deleteItem(text(b.file, 'file'), version(b.version));
        return { status: 200, body: { ok: true } };
      case 'POST reorder': {
        const list = Array.isArray(b.files) ? b.files : [];
        await files.reorder(list.map((f) => ({ file: text(edits(f).file, 'file'), version: version(edits(f).version) })));
        return { status: 200, body: { ok: true } };
      }
      case 'POST preview':
        return { status: 200, body: previewBody(text(b.file, 'file'), text(b.body, 'body')) };
      default:
        return { status: 404, body: { error: `No studio course action ${route}.` } };
    }
  } catch (error) {
    if (error instanceof ContentWriteError)
      return { status: error.reason === 'conflict' ? 409 : error.reason === 'path' ? 403 : 422, body: { problems: error.problems } };
    if (error instanceof BadRequest) return { status: 400, body: { error: error.message } };
    const code = (error as NodeJS.ErrnoException).code;
    return {
      status: 500,
      body: { error: `The studio could not save the change${code ? ` (${code})` : ''}; nothing was written. Check the terminal running npm run dev.` },
    };
  }
}
