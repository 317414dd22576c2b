/** Builds the site (Astro + Pagefind) into a folder, with extra environment, as `npm run build` does. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const bin = (name: string) => join(process.cwd(), 'node_modules', '.bin', name);

export function buildSite(outDir: string, env: Record<string, string> = {}): void {
  // Vitest puts its import.meta.env into process.env (NODE_ENV=test, DEV=1, MODE=test, ...), and Astro reads
  // import.meta.env.DEV from there: drafts, the admin page and React's development build would leak into dist/.
  const { DEV: _dev, PROD: _prod, MODE: _mode, SSR: _ssr, BASE_URL: _base, ...inherited } = process.env;
  const options = { cwd: process.cwd(), env: { ...inherited, NODE_ENV: 'production', ...env }, stdio: 'pipe' as const, maxBuffer: 64 * 1024 * 1024 };
  try {
    execFileSync(bin('astro'), ['build', '--outDir', outDir], options);
    execFileSync(bin('pagefind'), ['--site', outDir], options);
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`site build failed:\n${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`, { cause: error });
  }
}
