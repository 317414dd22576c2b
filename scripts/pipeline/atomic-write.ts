/**
 * Atomic file writes: a temp file beside the target, written in full,
 * fsynced, then renamed over it. Readers see the old file or the new one,
 * never a part. Hand-written because write-file-atomic 8 (and atomically 2)
 * issue a single write(2) and ignore a short count, so on a nearly full disk
 * they renamed a file cut at 4096 bytes into place (found by
 * tests/unit/hardening/cache-disk-faults.test.ts); FileHandle.writeFile loops
 * until every byte is written or throws.
 */
import { open, readdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.learnspace-tmp';

export async function writeFileAtomically(file: string, text: string | Uint8Array): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, typeof text === 'string' ? 'utf8' : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Removes temp files a killed run left behind; call only while holding the run lock. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.endsWith(TEMP_SUFFIX)).map((n) => rm(join(dir, n), { force: true })));
}
