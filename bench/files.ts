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
