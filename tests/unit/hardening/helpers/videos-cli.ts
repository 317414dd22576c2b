/** The real `videos` CLI run in a temporary project, for the hardening suites. */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const REPO = join(import.meta.dirname, '../../../..');

/** Runs `scripts/videos.ts` in `root`: offline, no YouTube, unless `env` says otherwise. stdout and stderr are joined. */
export function runVideosCli(root: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return promisify(execFile)(join(REPO, 'node_modules/.bin/node'), [join(REPO, 'scripts/videos.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LEARNSPACE_CONTENT: '', OPENAI_API_KEY: '', LEARNSPACE_NO_YOUTUBE: '1', ...env },
  }).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
  );
}

/** A temporary project whose library holds copies of these sample videos and their caption files. */
export function projectWithSampleVideos(prefix: string, ids: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const videos = join(root, 'content', 'videos');
  mkdirSync(videos, { recursive: true });
  for (const id of ids) for (const ext of ['.yaml', '.vtt']) cpSync(join(REPO, 'content', 'videos', id + ext), join(videos, id + ext));
  return root;
}
