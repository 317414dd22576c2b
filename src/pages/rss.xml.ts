/** RSS of the published courses, newest first, so learners can follow new material (the newest 50: a feed is for what is new, and stays small at any catalog size). */
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getCourses } from '../site/catalog.ts';
import { siteDescription, siteName } from '../site/site.ts';

const FEED_SIZE = 50;

export async function GET(context: APIContext) {
  const courses = await getCourses();
  return rss({
    title: `${siteName} courses`,
    description: siteDescription,
    site: context.site ?? 'https://learnspace.example',
    items: courses
      .map((course) => ({
        title: course.data.name,
        description: course.data.description,
        link: course.href,
        pubDate: course.data.updatedAt,
        categories: course.data.tags,
      }))
      .sort((a, b) => (b.pubDate?.getTime() ?? 0) - (a.pubDate?.getTime() ?? 0))
      .slice(0, FEED_SIZE),
  });
}
