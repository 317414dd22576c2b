/**
 * Where the pipeline's generated files live and how they are read. The
 * pipeline writes them (atomically); the site and the CLI read them. A video
 * with no status file is pending.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { contentDir } from './content-files.ts';
import {
  videoResultSchema,
  videoStatusFileSchema,
  type VideoResult,
  type VideoStatusFile,
} from './schema.ts';
import { formatPath } from './friendly-errors.ts';

export function generatedDir(root = process.cwd()): string {
  return join(contentDir(root), 'generated', 'videos');
}
export const videoStatusFile = (id: string, root?: string) => join(generatedDir(root), `${id}.status.json`);
export const videoResultFile = (id: string, root?: string) => join(generatedDir(root), `${id}.json`);

/** The exact text a cache file is written as. */
export const serializeCacheFile = (data: unknown): string => JSON.stringify(data, null, 2) + '\n';

/** Digest of a cache file's bytes, recorded in the status file as `resultDigest`. */
export const cacheFileDigest = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

export type CacheRead<T> = { ok: true; value: T } | { ok: false; missing: boolean; error: string };

function readJson<T>(file: string, schema: { safeParse: (d: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): CacheRead<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', error: `cannot read ${file} (${code})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, missing: false, error: `${file} is not valid JSON (${(error as Error).message}); delete it and run \`npm run videos -- process\` to regenerate` };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { ok: false, missing: false, error: `${file}: ${formatPath(first.path)}: ${first.message}; delete it and run \`npm run videos -- process\` to regenerate` };
  }
  return { ok: true, value: parsed.data };
}

export const readVideoStatus = (id: string, root?: string): CacheRead<VideoStatusFile> => readJson(videoStatusFile(id, root), videoStatusFileSchema);
export const readVideoResult = (id: string, root?: string): CacheRead<VideoResult> => readJson(videoResultFile(id, root), videoResultSchema);
