/** One course's outline for /progress/ as a static JSON file, fetched only for courses a learner started. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCourses, type CourseWithStructure } from '../../site/catalog.ts';
import type { ProgressCourseRef } from '../../islands/progress/types.ts';

export const getStaticPaths = (async () => {
  const courses = await getCourses();
  return courses.map((course) => ({ params: { course: course.slug }, props: { course } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ course: CourseWithStructure }> = ({ props: { course } }) => {
  const ref: ProgressCourseRef = {
    slug: course.slug,
    name: course.data.name,
    href: course.href,
    items: course.items.map((i) => ({
      key: i.key,
      href: i.href,
      title: i.title,
      ...(i.entry?.data.type === 'quiz' ? { passMark: i.entry.data.passMark } : {}),
    })),
  };
  return new Response(JSON.stringify(ref), { headers: { 'Content-Type': 'application/json' } });
};
