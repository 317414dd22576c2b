/**
 * What the instructor dashboard reports:
 * the problems worth fixing before learners notice, computed from the same
 * loader as the site.
 */
import type { CourseWithStructure, LibraryVideo } from './catalog.ts';

export interface ContentWarning {
  severity: 'error' | 'warning' | 'info';
  message: string;
  href?: string;
}

/** Every content warning, errors first. */
export function contentWarnings(courses: CourseWithStructure[], videos: LibraryVideo[], redact: (text: string) => string = (t) => t): ContentWarning[] {
  const warnings: ContentWarning[] = [];
  const used = new Set(courses.flatMap((c) => c.items.flatMap((i) => (i.video ? [i.video.id] : []))));
  for (const v of videos) {
    const href = `/videos/${v.id}/`;
    if (v.status.status === 'failed')
      warnings.push({
        severity: 'error',
        message: `Video “${v.title}” (${v.id}) failed after ${v.status.attempts} attempt(s): ${redact(v.status.error ?? 'no error message')}${v.status.servingPrevious ? ' (learners see the last good notes)' : ''}`,
        href,
      });
    else if (v.status.status === 'pending')
      warnings.push({ severity: 'warning', message: `Video “${v.title}” (${v.id}) is pending: run \`npm run videos -- process\`.`, href });
    else if (v.status.status === 'processing') warnings.push({ severity: 'info', message: `Video “${v.title}” (${v.id}) is still processing.`, href });
    if (!used.has(v.id)) warnings.push({ severity: 'info', message: `Video “${v.title}” (${v.id}) is not used by any course.`, href });
  }
  for (const c of courses) {
    if (c.items.length === 0) warnings.push({ severity: 'warning', message: `Course “${c.data.name}” has no items.`, href: c.href });
    for (const ch of c.chapters) {
      if (ch.items.length === 0) warnings.push({ severity: 'warning', message: `Chapter “${ch.name}” of “${c.data.name}” has no items.`, href: c.href });
    }
    for (const item of c.items) {
      if (item.type === 'video' && !item.video)
        warnings.push({
          severity: 'error',
          message: `Item “${item.title}” in “${c.data.name}” points at a video that is not in the library.`,
          href: item.href,
        });
    }
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return warnings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
