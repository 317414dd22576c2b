/**
 * The built site (dist/) as the exports read it: item pages by site path,
 * static assets by URL, and the deployed site's address for links that leave
 * a package.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ExportError } from './course-model.ts';

export interface BuiltSite {
  dir: string;
  /** The deployed site's origin and base, without a trailing slash. */
  siteUrl: string;
  /** `courses/ml/01-intro/02-reading/index.html` for `/courses/ml/01-intro/02-reading/`, if built. */
  pageFile(sitePath: string): string | undefined;
  /** The dist-relative file of a static asset (`/_astro/x.css`, `/files/a.pdf`), if there is one. */
  assetFile(sitePath: string): string | undefined;
  read(file: string): Buffer;
  readText(file: string): string;
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** Opens dist/ (or another build folder); fails with the command to run when there is no build. */
export function openBuiltSite(dir: string, siteUrlFromEnv: string | undefined): BuiltSite {
  if (!isFile(join(dir, 'index.html'))) {
    throw new ExportError(`${dir}: no built site here: run \`npm run build\` first (or pass --dist <folder> with a build)`);
  }
  const pageFile = (sitePath: string): string | undefined => {
    const path = safeDecode(sitePath).replace(/^\/+/, '');
    const file = path === '' || path.endsWith('/') ? `${path}index.html` : path.endsWith('.html') ? path : `${path}/index.html`;
    return isFile(join(dir, file)) ? file : undefined;
  };
  return {
    dir,
    siteUrl: (siteUrlFromEnv || canonicalSite(dir) || 'https://learnspace.example').replace(/\/+$/, ''),
    pageFile,
    assetFile: (sitePath) => {
      const file = safeDecode(sitePath).replace(/^\/+/, '');
      if (file === '' || file.includes('..') || ['.html', '.xml'].includes(extname(file))) return undefined;
      return isFile(join(dir, file)) ? file : undefined;
    },
    read: (file) => readFileSync(join(dir, file)),
    readText: (file) => readFileSync(join(dir, file), 'utf8'),
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** The site address the build was made for, from the home page's canonical link. */
function canonicalSite(dir: string): string | undefined {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const href = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return url.origin + url.pathname.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
