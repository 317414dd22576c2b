/**
 * The environment the site and its build read, in one place: every variable
 * typed, with its default. (The video pipeline's settings are read by
 * scripts/pipeline/config.ts.) An empty variable counts as unset.
 */

export interface SiteConfig {
  /** LEARNSPACE_SITE: the deployed site's public URL, for canonical URLs, the sitemap and RSS. Default `https://learnspace.example`. */
  site: string;
  /** LEARNSPACE_CONTENT: the content folder, relative to the project root. Default `content`. */
  contentDir: string;
  /** LEARNSPACE_DRAFTS=1: build drafts and unpublished courses (pull request previews). Default off; always on under `astro dev`. */
  drafts: boolean;
  /** LEARNSPACE_ADMIN=1 (or LEARNSPACE_DRAFTS=1): build the instructor dashboard at /admin/. Default off; always on under `astro dev`. */
  admin: boolean;
  /** LEARNSPACE_CACHE_DIR: Astro's cache folder, so builds side by side do not share one. Default `./node_modules/.astro`. */
  astroCacheDir: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, name: string): string | undefined => env[name] || undefined;

/** Reads the site's settings from `env` (the process environment by default) each time it is called. */
export function siteConfig(env: Env = process.env): SiteConfig {
  const drafts = value(env, 'LEARNSPACE_DRAFTS') === '1';
  return {
    site: value(env, 'LEARNSPACE_SITE') ?? 'https://learnspace.example',
    contentDir: value(env, 'LEARNSPACE_CONTENT') ?? 'content',
    drafts,
    admin: drafts || value(env, 'LEARNSPACE_ADMIN') === '1',
    astroCacheDir: value(env, 'LEARNSPACE_CACHE_DIR') ?? './node_modules/.astro',
  };
}
