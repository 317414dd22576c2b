/**
 * `npm run videos -- <command>`: the video library CLI.
 *   process [ids...]   turn pending videos into transcripts, notes and quizzes (the prebuild runs this with --quiet)
 *   add <url-or-id...> add YouTube videos to the library
 *   status             where every video stands
 *   retry [ids...]     process failed videos again
 *   thumbnails [ids...] store each video's thumbnail in the repository (the prebuild fetches missing ones)
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { writeFileAtomically } from './pipeline/atomic-write.ts';
import { contentDir } from '../src/lib/content-files.ts';
import { readVideoResult, readVideoStatus } from '../src/lib/video-cache.ts';
import { videoStatuses, type VideoStatusFile } from '../src/lib/schema.ts';
import { createCacheWriter } from './pipeline/cache-writer.ts';
import { canonicalUrl, parseYoutubeRef } from './pipeline/youtube-url.ts';
import { table } from './pipeline/report.ts';
import { PipelineError } from './pipeline/adapters.ts';
import { fetchThumbnails, thumbnailSummary } from './pipeline/thumbnails.ts';
import { libraryVideos, reportKnownError, runProcess, selectVideos, UsageError, type ProcessFlags } from './lib/process-command.ts';

const root = process.cwd();
const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

async function runAdd(inputs: string[]): Promise<number> {
  const dir = join(contentDir(root), 'videos');
  const parsed = inputs.map((input) => ({ input, ref: parseYoutubeRef(input) }));
  const bad = parsed.filter((p) => !p.ref.ok);
  for (const p of bad) if (!p.ref.ok) err(`videos: ${p.ref.error}`);
  if (bad.length) return 1;
  const writer = createCacheWriter(root);
  for (const { ref } of parsed) {
    if (!ref.ok) continue;
    const file = join(dir, `${ref.id}.yaml`);
    const rel = relative(root, file);
    if (existsSync(file)) {
      const status = readVideoStatus(ref.id, root);
      out(`${ref.id}: already in the library (${rel}, status ${status.ok ? status.value.status : 'pending'}); left unchanged`);
      continue;
    }
    try {
      await writeFileAtomically(file, stringify({ youtubeVideoId: ref.id, url: canonicalUrl(ref.id) }));
    } catch (error) {
      throw new PipelineError(`cannot write ${rel} (${(error as NodeJS.ErrnoException).code})`);
    }
    await writer.writeStatus(ref.id, { status: 'pending', attempts: 0, updatedAt: new Date().toISOString() });
    out(`${ref.id}: added ${rel} (pending; run \`npm run videos -- process\` or build)`);
  }
  return 0;
}

interface StatusRow {
  id: string;
  status: VideoStatusFile['status'];
  attempts: number;
  updatedAt?: string;
  error?: string;
  servingPrevious?: boolean;
  provider?: string;
  cacheProblem?: string;
}

function runStatus(flags: { json?: boolean }): number {
  const rows: StatusRow[] = libraryVideos(root).map((video) => {
    const status = readVideoStatus(video.id, root);
    const result = readVideoResult(video.id, root);
    const base = { id: video.id, provider: result.ok ? `${result.value.generator.provider}/${result.value.generator.model}` : undefined };
    if (!status.ok) return { ...base, status: 'pending', attempts: 0, cacheProblem: status.missing ? undefined : status.error };
    const v = status.value;
    return { ...base, status: v.status, attempts: v.attempts, updatedAt: v.updatedAt, error: v.error, servingPrevious: v.servingPrevious };
  });
  if (flags.json) {
    out(JSON.stringify(rows, null, 2));
    return 0;
  }
  for (const status of videoStatuses) {
    const group = rows.filter((r) => r.status === status);
    if (group.length === 0) continue;
    out(`\n${status} (${group.length})`);
    out(
      table(
        ['video', 'attempts', 'updated', 'generator', 'error'],
        group.map((r) => [r.id, String(r.attempts), r.updatedAt ?? '', r.provider ?? '', [r.error, r.servingPrevious ? '(serving previous result)' : '', r.cacheProblem].filter(Boolean).join(' ')]),
      ),
    );
  }
  if (rows.length === 0) out('videos: the library is empty; add one with `npm run videos -- add <youtube-url>`');
  out('');
  return 0;
}

async function runRetry(ids: string[], flags: ProcessFlags & { allFailed?: boolean }): Promise<number> {
  const all = libraryVideos(root);
  let targets: string[];
  if (flags.allFailed) {
    targets = all.filter((v) => {
      const s = readVideoStatus(v.id, root);
      return s.ok && s.value.status === 'failed';
    }).map((v) => v.id);
    if (targets.length === 0) {
      out('videos: no failed videos to retry');
      return 0;
    }
  } else if (ids.length > 0) {
    targets = selectVideos(all, ids).map((v) => v.id);
  } else {
    throw new UsageError('say which videos to retry: `npm run videos -- retry <id...>` or `--all-failed`');
  }
  return runProcess({ root, ids: targets, flags, retry: new Set(targets) });
}

async function runThumbnails(ids: string[], flags: { force?: boolean; json?: boolean }): Promise<number> {
  const videos = selectVideos(libraryVideos(root), ids);
  const outcomes = await fetchThumbnails(videos.map((v) => v.id), { root, force: flags.force });
  if (flags.json) out(JSON.stringify(outcomes, null, 2));
  else out(thumbnailSummary(outcomes));
  // A missing thumbnail only shows a placeholder, so it fails the command (for CI), never a build.
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}

const concurrencyOption = new Option('--concurrency <n>', 'videos processed at once (default 4, or LEARNSPACE_CONCURRENCY)').argParser((v) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency: expected a whole number of at least 1, got "${v}"`);
  return n;
});

const program = new Command('videos').description('Learnspace video library: transcripts, study notes and quizzes').exitOverride().showHelpAfterError();
program
  .command('process')
  .description('process library videos that need work (new, pending, interrupted, or changed inputs)')
  .argument('[ids...]', 'only these video ids')
  .option('--force', 'regenerate even when up to date')
  .option('--strict', 'exit 1 when any video fails')
  .option('--json', 'print the outcome as JSON')
  .option('--quiet', 'print one summary line')
  .addOption(concurrencyOption)
  .action(async (ids: string[], flags: ProcessFlags) => {
    process.exitCode = await runProcess({ root, ids, flags });
  });
program
  .command('add')
  .description('add YouTube videos to the library by URL or id')
  .argument('<urls...>', 'YouTube URLs (watch, youtu.be, shorts, embed, live) or 11-character ids')
  .action(async (urls: string[]) => {
    process.exitCode = await runAdd(urls);
  });
program
  .command('status')
  .description('show every video grouped by status')
  .option('--json', 'print as JSON')
  .action((flags: { json?: boolean }) => {
    process.exitCode = runStatus(flags);
  });
program
  .command('retry')
  .description('process failed videos again')
  .argument('[ids...]', 'video ids to retry')
  .option('--all-failed', 'retry every failed video')
  .option('--strict', 'exit 1 when any video fails')
  .option('--json', 'print the outcome as JSON')
  .option('--quiet', 'print one summary line')
  .addOption(concurrencyOption)
  .action(async (ids: string[], flags: ProcessFlags & { allFailed?: boolean }) => {
    process.exitCode = await runRetry(ids, flags);
  });

program
  .command('thumbnails')
  .description('fetch, resize and store video thumbnails in content/generated/thumbnails (served by the site, so pages never load images from Google)')
  .argument('[ids...]', 'only these video ids')
  .option('--force', 'fetch again even when a thumbnail is stored')
  .option('--json', 'print the outcome as JSON')
  .action(async (ids: string[], flags: { force?: boolean; json?: boolean }) => {
    process.exitCode = await runThumbnails(ids, flags);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exit(0);
  if (code?.startsWith('commander.')) process.exit(1);
  if (reportKnownError(error)) process.exit(1);
  throw error;
}
