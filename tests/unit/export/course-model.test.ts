/**
 * Only published courses are exported: a draft or unpublished course is
 * refused with the file and field to change, and never listed with the rest.
 */
import { describe, expect, it } from 'vitest';
import { findPublishedCourse, loadPublishedCourses } from '../../../scripts/export/course-model.ts';

describe('the courses an export sees', () => {
  const courses = loadPublishedCourses(process.cwd());

  it('leaves the unpublished sample course out', () => {
    expect(courses.published.map((c) => c.slug)).not.toContain('calculus-draft');
    expect(courses.hidden.map((c) => c.slug)).toContain('calculus-draft');
  });

  it('refuses to export an unpublished course, naming the file and field to change', () => {
    expect(() => findPublishedCourse(courses, 'calculus-draft')).toThrow(
      /^content\/courses\/calculus-draft\/course\.yaml: isPublished: course "calculus-draft" is not published \(set isPublished: true/,
    );
  });

  it('names the published courses when the course does not exist', () => {
    expect(() => findPublishedCourse(courses, 'no-such-course')).toThrow(
      /no course "no-such-course" in content\/courses \(published courses: .*neural-networks/,
    );
  });

  it('lists items in syllabus order with their progress keys and pages, a legacy chapter video first', () => {
    const la = findPublishedCourse(courses, 'linear-algebra');
    const first = la.items[0]!;
    expect(first).toMatchObject({ type: 'video', key: 'linear-algebra/01-vectors/video', pagePath: '/courses/linear-algebra/01-vectors/video/' });
  });
});
