// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';

/** The public address of the deployed site, for canonical URLs, the sitemap and RSS. */
const site = process.env.LEARNSPACE_SITE ?? 'https://learnspace.example';

export default defineConfig({
  site,
  trailingSlash: 'always',
  integrations: [
    mdx(),
    react(),
    sitemap({
      filter: (page) => !page.includes('/admin/') && !page.endsWith('/404/'),
    }),
  ],
  build: { format: 'directory' },
  // Separate caches let several builds (tests, benchmarks) run side by side.
  cacheDir: process.env.LEARNSPACE_CACHE_DIR ?? './node_modules/.astro',
  devToolbar: { enabled: false },
});
