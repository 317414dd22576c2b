/** What the tests that run `astro dev` or `astro build` in a temporary copy of the site share. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns true or `ms` pass; returns its last answer. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check().catch(() => false);
}

/**
 * The environment for Astro in a temporary site at `root`: without vitest's variables (Astro's dev
 * server stands down when VITEST is set, and DEV/MODE would leak into the build) and without the
 * caller's LEARNSPACE_ settings, with its own Astro cache, plus `extra`.
 */
export function astroEnv(root: string, nodeEnv: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|DEV$|PROD$|MODE$|SSR$|BASE_URL$|TEST$|LEARNSPACE_)/.test(key)));
  return { ...env, NODE_ENV: nodeEnv, LEARNSPACE_CACHE_DIR: join(root, '.astro-cache'), ...extra };
}

/** `astro dev` of the site at `root` on a free 127.0.0.1 port, its output handed to `onOutput`; the caller waits for it to serve. */
export async function startAstroDev(
  project: string,
  root: string,
  env: NodeJS.ProcessEnv,
  onOutput: (chunk: string) => void,
): Promise<{ dev: ChildProcess; baseURL: string }> {
  const port = await freePort();
  const dev = spawn(join(project, 'node_modules', '.bin', 'astro'), ['dev', '--host', '127.0.0.1', '--port', String(port)], { cwd: root, env, stdio: 'pipe' });
  dev.stdout?.on('data', (chunk) => onOutput(String(chunk)));
  dev.stderr?.on('data', (chunk) => onOutput(String(chunk)));
  return { dev, baseURL: `http://127.0.0.1:${port}` };
}
