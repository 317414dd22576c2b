/**
 * Writes a video's generated material (the reviewable files and the status)
 * atomically, never over material an instructor marked reviewed, moves
 * single-file results into folders, and holds the run lock so two runs never
 * write the same files at once.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hostname } from 'node:os';
import { removeStaleTempFiles, writeFileAtomically } from './atomic-write.ts';
import lockfile from 'proper-lockfile';
import {
  generatedDir,
  legacyResultFile,
  legacyStatusFile,
  materialDigest,
  materialFiles,
  readVideoResult,
  readVideoStatus,
  serializeCacheFile,
  videoMaterialDir,
  videoMaterialFile,
  videoStatusFile,
} from '../../src/lib/generated-files.ts';
import { parseNotes, parseQuiz, serializeMeta, serializeNotes, serializeQuiz, serializeTranscript } from '../../src/lib/video-material.ts';
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
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder is not writable'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file is in the way of the folder'
          : (error as Error).message;
  return `${code ?? 'error'}: ${hint}`;
};

export interface MaterialWriter {
  writeStatus(id: string, status: VideoStatusFile): Promise<void>;
  /**
   * Writes the result as reviewable files and returns the digest of the material now on disk,
   * for the status file. Reviewed notes or quiz are kept; the new version goes to a proposal beside them.
   */
  writeResult(id: string, result: VideoResult): Promise<string>;
}

/** True when a notes.md or quiz.yaml says `reviewed: true`, even one too broken to parse (it is still the instructor's). */
function isReviewed(file: string, parse: (text: string, file: string) => { ok: true; value: { reviewed: boolean } } | { ok: false }): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const parsed = parse(text, file);
  return parsed.ok ? parsed.value.reviewed : /^reviewed:\s*true\s*(#.*)?$/m.test(text);
}

/** Atomic writers (temp file + rename) rooted at the generated dir. */
export function createMaterialWriter(root: string): MaterialWriter {
  const write = async (file: string, text: string): Promise<void> => {
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      await writeFileAtomically(file, text);
    } catch (error) {
      throw new PipelineError(`cannot write ${relative(root, file)} (${describeFsError(error)}); nothing was half-written`);
    }
  };
  const remove = (file: string) => rmSync(file, { force: true });

  /** Writes `text` to a part, or beside it as a proposal when the part is reviewed; drops a proposal the reviewed part already matches. */
  const writePart = async (file: string, proposal: string, text: string, reviewed: boolean, sameAsReviewed: () => boolean) => {
    if (!reviewed) {
      await write(file, text);
      remove(proposal);
    } else if (sameAsReviewed()) remove(proposal);
    else await write(proposal, text);
  };

  return {
    writeStatus: async (id, status) => {
      await write(videoStatusFile(id, root), serializeCacheFile(status));
      remove(legacyStatusFile(id, root));
    },
    writeResult: async (id, result) => {
      const file = (name: (typeof materialFiles)[keyof typeof materialFiles]) => videoMaterialFile(id, name, root);
      await write(file(materialFiles.transcript), serializeTranscript(result.transcript.segments));
      await writePart(
        file(materialFiles.notes),
        file(materialFiles.notesProposal),
        serializeNotes(result.notes, result.generator, false),
        isReviewed(file(materialFiles.notes), parseNotes),
        () => sameJson(readVideoResultParts(id, root)?.notes, result.notes),
      );
      await writePart(
        file(materialFiles.quiz),
        file(materialFiles.quizProposal),
        serializeQuiz(result.quiz, result.generator, false),
        isReviewed(file(materialFiles.quiz), parseQuiz),
        () => sameJson(readVideoResultParts(id, root)?.quiz, result.quiz),
      );
      // meta.yaml last: a folder without it reads as "no material yet", never as half a result.
      await write(file(materialFiles.meta), serializeMeta(result));
      remove(legacyResultFile(id, root));
      const digest = materialDigest(id, root);
      if (!digest) throw new PipelineError(`cannot read back ${relative(root, videoMaterialDir(id, root))} after writing it`);
      return digest;
    },
  };
}

const sameJson = (a: unknown, b: unknown) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** The reviewed notes and quiz as they are, to tell whether a proposal says anything new. */
function readVideoResultParts(id: string, root: string): { notes?: unknown; quiz?: unknown } | null {
  const read = readVideoResult(id, root);
  return read.ok ? { notes: read.value.notes, quiz: read.value.quiz } : null;
}

/**
 * Moves single-file caches (<id>.json + <id>.status.json) into reviewable folders, once; call while
 * holding the run lock. A status that vouched for the old file vouches for the new files. Returns the
 * ids moved; a cache that cannot be read is left for the planner to report and regenerate.
 */
export async function migrateLegacyCaches(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(generatedDir(root));
  } catch {
    return [];
  }
  const writer = createMaterialWriter(root);
  const moved: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.status.json') || (n.endsWith('.json') && !n.startsWith('.')))) {
    const id = name.replace(/(\.status)?\.json$/, '');
    if (moved.includes(id) || (!existsSync(legacyStatusFile(id, root)) && !existsSync(legacyResultFile(id, root)))) continue;
    const status = readVideoStatus(id, root);
    const result = readVideoResult(id, root);
    if (existsSync(legacyResultFile(id, root)) && !result.ok) continue;
    const vouched = status.ok && status.value.resultDigest !== undefined && status.value.resultDigest === materialDigest(id, root);
    const digest = result.ok ? await writer.writeResult(id, result.value) : undefined;
    if (status.ok) await writer.writeStatus(id, { ...status.value, resultDigest: vouched ? digest : undefined });
    else remove(legacyStatusFile(id, root));
    moved.push(id);
  }
  return moved;

  function remove(file: string) {
    rmSync(file, { force: true });
  }
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

/** How long a run may take between taking the lock and naming itself in the owner file. */
const NAMING_GRACE_MS = 2_000;

/**
 * True when the lock is held by no live run: its owner is a process on this machine that is gone,
 * or no run named itself within the grace period (a run killed between taking the lock and naming
 * itself, or between removing its name and releasing).
 */
async function heldByNobody(lockPath: string, ownerPath: string): Promise<boolean> {
  const deadline = Date.now() + NAMING_GRACE_MS;
  while (!existsSync(ownerPath)) {
    if (!existsSync(lockPath)) return false;
    if (Date.now() > deadline) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return ownerIsDead(ownerPath);
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
  const lock = () =>
    lockfile.lock(dir, {
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
  let release: () => Promise<void>;
  try {
    try {
      release = await lock();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || !(await heldByNobody(lockPath, ownerPath))) throw error;
      rmSync(lockPath, { recursive: true, force: true });
      rmSync(ownerPath, { force: true });
      release = await lock();
    }
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
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) await removeStaleTempFiles(join(dir, entry.name));
  return async () => {
    rmSync(ownerPath, { force: true });
    await release();
  };
}
