/**
 * Writes the generated cache (status and result files) atomically, and holds
 * the run lock so two runs never write the same files at once.
 */
import { mkdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hostname } from 'node:os';
import { removeStaleTempFiles, writeFileAtomically } from './atomic-write.ts';
import lockfile from 'proper-lockfile';
import { cacheFileDigest, generatedDir, serializeCacheFile, videoResultFile, videoStatusFile } from '../../src/lib/video-cache.ts';
import type { VideoResult, VideoStatusFile } from '../../src/lib/schema.ts';
import { PipelineError } from './adapters.ts';

const LOCK_NAME = '.pipeline.lock';
const OWNER_NAME = '.pipeline.lock.json';
/** A lock not refreshed for this long belongs to a killed run and is taken over. */
export const STALE_LOCK_MS = 15_000;

export class LockHeldError extends Error {
  override name = 'LockHeldError';
}

const describeFsError = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the folder is not writable' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of the folder' : (error as Error).message;
  return `${code ?? 'error'}: ${hint}`;
};

export interface CacheWriter {
  writeStatus(id: string, status: VideoStatusFile): Promise<void>;
  /** Writes the result and returns its digest, for the status file. */
  writeResult(id: string, result: VideoResult): Promise<string>;
}

/** Atomic writers (temp file + rename) rooted at the generated dir. */
export function createCacheWriter(root: string): CacheWriter {
  const write = async (file: string, data: unknown): Promise<string> => {
    const text = serializeCacheFile(data);
    try {
      mkdirSync(generatedDir(root), { recursive: true });
      await writeFileAtomically(file, text);
      return cacheFileDigest(text);
    } catch (error) {
      throw new PipelineError(`cannot write ${relative(root, file)} (${describeFsError(error)}); nothing was half-written`);
    }
  };
  return {
    writeStatus: async (id, status) => {
      await write(videoStatusFile(id, root), status);
    },
    writeResult: (id, result) => write(videoResultFile(id, root), result),
  };
}

interface LockOwner {
  pid: number;
  host?: string;
  startedAt: string;
}

/** True when the lock's owner was a process on this machine that no longer exists (a killed run). */
function ownerIsDead(ownerPath: string): boolean {
  let owner: LockOwner;
  try {
    owner = JSON.parse(readFileSync(ownerPath, 'utf8')) as LockOwner;
  } catch {
    return false;
  }
  if (owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the run lock on the generated dir (stale locks of killed runs are
 * taken over); throws LockHeldError saying who holds it and since when.
 */
export async function acquireRunLock(root: string): Promise<() => Promise<void>> {
  const dir = generatedDir(root);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new PipelineError(`cannot create ${relative(root, dir)} (${describeFsError(error)})`);
  }
  const lockPath = join(dir, LOCK_NAME);
  const ownerPath = join(dir, OWNER_NAME);
  // A killed run's lock is taken over at once when its process is known to be gone; otherwise once it goes stale.
  if (ownerIsDead(ownerPath)) {
    rmSync(lockPath, { recursive: true, force: true });
    rmSync(ownerPath, { force: true });
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_LOCK_MS,
      update: STALE_LOCK_MS / 3,
      retries: 0,
      onCompromised: (error) => {
        console.error(`videos: lost the run lock (${error.message}); stopping so two runs cannot write at once`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw new PipelineError(`cannot lock ${relative(root, dir)} (${describeFsError(error)})`);
    let since: string;
    let who = '';
    try {
      const owner = JSON.parse(readFileSync(ownerPath, 'utf8')) as LockOwner;
      since = owner.startedAt;
      who = ` (pid ${owner.pid})`;
    } catch {
      since = statSync(lockPath).birthtime.toISOString();
    }
    throw new LockHeldError(
      `another videos run${who} holds the lock on ${relative(root, dir)} since ${since}; wait for it to finish (a killed run's lock is taken over as soon as its process is gone, or after ${STALE_LOCK_MS / 1000}s)`,
    );
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  await writeFileAtomically(ownerPath, JSON.stringify(owner) + '\n');
  await removeStaleTempFiles(dir);
  return async () => {
    rmSync(ownerPath, { force: true });
    await release();
  };
}
