/** Sizes and page counts of built sites, read from disk. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, as paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string, prefix: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(current, entry.name), rel);
      else if (entry.isFile()) out.push(rel);
    }
  };
  walk(dir, '');
  return out;
}

/** Total bytes of every file under `dir` (0 when it does not exist). */
export function dirBytes(dir: string): number {
  try {
    return listFiles(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  } catch {
    return 0;
  }
}

/** HTML pages a site serves (its 404 page excluded). */
export function htmlPages(dir: string): string[] {
  return listFiles(dir).filter((f) => f.endsWith('.html') && f !== '404.html' && !f.startsWith('pagefind/'));
}

/** Per-page budget: no HTML file of the site may be larger (issue 12). */
export const HTML_BUDGET_BYTES = 200 * 1024;

export interface DistProfile {
  files: number;
  bytes: number;
  /** Bytes and files by kind: html, pagefind (the search index), js, css, json, image, other. */
  byKind: Record<string, { files: number; bytes: number }>;
  /** The largest HTML files, largest first (at most 5). */
  largestHtml: { path: string; bytes: number }[];
  /** HTML files over HTML_BUDGET_BYTES. */
  htmlOverBudget: number;
}

const kindOf = (file: string): string => {
  if (file.startsWith('pagefind/')) return 'pagefind';
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  if (ext === 'html' || ext === 'js' || ext === 'css' || ext === 'json') return ext;
  if (['jpg', 'jpeg', 'png', 'svg', 'webp', 'avif', 'gif', 'ico'].includes(ext)) return 'image';
  return 'other';
};

/** What a built site is made of: file count, bytes by kind, and its largest HTML files. */
export function distProfile(dir: string): DistProfile {
  const profile: DistProfile = { files: 0, bytes: 0, byKind: {}, largestHtml: [], htmlOverBudget: 0 };
  const html: { path: string; bytes: number }[] = [];
  for (const file of listFiles(dir)) {
    const bytes = statSync(join(dir, file)).size;
    const kind = kindOf(file);
    const entry = (profile.byKind[kind] ??= { files: 0, bytes: 0 });
    entry.files++;
    entry.bytes += bytes;
    profile.files++;
    profile.bytes += bytes;
    if (kind === 'html') {
      html.push({ path: file, bytes });
      if (bytes > HTML_BUDGET_BYTES) profile.htmlOverBudget++;
    }
  }
  profile.largestHtml = html.sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  return profile;
}
