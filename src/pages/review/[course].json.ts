/** One review deck per course, as a static JSON file the Review page and the due counts fetch. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCourses, type CourseWithStructure } from '../../site/catalog.ts';
import { reviewDeckOf } from '../../site/review-cards.ts';
import { packReviewDeck } from '../../browser/review-deck.ts';

export const getStaticPaths = (async () => {
  const courses = await getCourses();
  return courses.map((course) => ({ params: { course: course.slug }, props: { course } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ course: CourseWithStructure }> = ({ props }) =>
  new Response(JSON.stringify(packReviewDeck(reviewDeckOf(props.course))), { headers: { 'Content-Type': 'application/json' } });
