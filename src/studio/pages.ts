/** The studio's pages, injected under /admin/ by src/integrations/studio.ts in dev only; files are in src/studio/pages/. */
export interface StudioPage {
  pattern: string;
  file: string;
}

export const STUDIO_PAGES: readonly StudioPage[] = [
  { pattern: '/admin/videos', file: 'videos.astro' },
  { pattern: '/admin/courses', file: 'courses.astro' },
  { pattern: '/admin/courses/[slug]', file: 'course-builder.astro' },
];
