// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { contentProblemsOverlay } from './src/integrations/content-problems-overlay.ts';
import { mdxMath } from './src/integrations/mdx-math.ts';
import { islandRuntimeFile } from './src/integrations/island-runtime.ts';
import { offlineWorker } from './src/integrations/offline-worker.ts';
import { studio } from './src/integrations/studio.ts';
import { siteConfig } from './src/lib/site-config.ts';

/** LEARNSPACE_SITE and the other settings the site reads from the environment (src/lib/site-config.ts). */
const config = siteConfig();

/**
 * Tells the site whether it runs under `astro dev` (drafts and the dashboard shown), from
 * Astro's own command rather than environment variables a build may inherit (DEV=1, MODE).
 * @type {import('astro').AstroIntegration}
 */
const learnspaceMode = {
  name: 'learnspace-mode',
  hooks: {
    'astro:config:setup': ({ command, updateConfig }) => {
      updateConfig({ vite: { define: { __LEARNSPACE_DEV__: JSON.stringify(command === 'dev') } } });
    },
  },
};

export default defineConfig({
  site: config.site,
  trailingSlash: 'always',
  integrations: [
    learnspaceMode,
    // TeX math in MDX bodies becomes MathML before MDX reads the file (its braces are not expressions).
    mdxMath(),
    mdx(),
    react(),
    sitemap({
      filter: (page) => !page.includes('/admin/') && !page.endsWith('/404/') && !page.includes('/review/'),
    }),
    islandRuntimeFile(),
    offlineWorker(),
    studio(),
    contentProblemsOverlay(),
  ],
  // Every page's scripts and styles are files the browser caches once, not bytes inlined into each
  // of thousands of pages (Astro inlines small ones by default): see "Scale" in ARCHITECTURE.md.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  // Scoped styles mark elements with a class (` astro-1a2b3c4d` joins the class attribute) instead of
  // a `data-astro-cid-1a2b3c4d` attribute: the same specificity in fewer bytes on every element of every page.
  scopedStyleStrategy: 'class',
  security: {
    // A <meta> Content-Security-Policy on every page: Astro hashes its own scripts; the rest is the
    // least the site needs (YouTube's nocookie player and IFrame API, Pagefind's WASM); thumbnails are served by the site;
    // the offline worker is the site's own /sw.js (worker-src 'self') and caches with same-origin fetches (connect-src 'self').
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        'frame-src https://www.youtube-nocookie.com https://www.youtube.com',
        "connect-src 'self'",
        "font-src 'self'",
        "media-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: {
        resources: ["'self'", "'wasm-unsafe-eval'", 'https://www.youtube.com', 'https://s.ytimg.com'],
      },
      // Shiki's highlighted code and island progress bars use inline styles; styles cannot run script.
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  vite: {
    // Never inline a page's script (a deciding function: CSS and other assets keep Vite's default).
    build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) },
  },
  // Separate caches let several builds (tests, benchmarks) run side by side.
  cacheDir: config.astroCacheDir,
  devToolbar: { enabled: false },
});
