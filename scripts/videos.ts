/**
 * `npm run videos -- <command>`: the video library CLI.
 *   process [ids...]   turn pending videos into transcripts, notes and quizzes (the prebuild runs this with --quiet)
 *   add <url-or-id...> add YouTube videos to the library
 *   status             where every video stands
 *   retry [ids...]     process failed videos again
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { writeFileAtomically } from './pipeline/atomic-write.ts';
import { readVideoLibrary, contentDir } from '../src/lib/content-files.ts';
import { validateContent, type ValidVideo } from '../src/lib/validate-content.ts';
import { readVideoResult, readVideoStatus } from '../src/lib/video-cache.ts';
import { videoStatuses, type VideoStatusFile } from '../src/lib/schema.ts';
import { ConfigError, resolveConfig, type PipelineConfig } from './pipeline/config.ts';
import { acquireRunLock, createCacheWriter, LockHeldError } from './pipeline/cache-writer.ts';
import { processPendingVideos } from './pipeline/process-videos.ts';
import { configuredGenerator, configuredYouTubeSource } from './pipeline/lazy-adapters.ts';
import { canonicalUrl, parseYoutubeRef } from './pipeline/youtube-url.ts';
import { outcomesTable, progressReporter, summaryLine, table } from './pipeline/report.ts';
import { PipelineError } from './pipeline/adapters.ts';

const root = process.cwd();
const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

class UsageError extends Error {}

function loadConfig(): PipelineConfig {
  return resolveConfig(root);
}

/** The valid library entries; only content/videos is read, since courses do not change what the pipeline does. */
function libraryVideos(): ValidVideo[] {
  const library = validateContent(readVideoLibrary(root));
  for (const p of library.problems) err(`videos: skipping ${p.file}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
  return library.videos;
}

function selectVideos(all: ValidVideo[], ids: readonly string[]): ValidVideo[] {
  if (ids.length === 0) return all;
  const unknown = ids.filter((id) => !all.some((v) => v.id === id));
  if (unknown.length) throw new UsageError(`not in the library: ${unknown.join(', ')} (add with \`npm run videos -- add <url>\`)`);
  return all.filter((v) => ids.includes(v.id));
}

interface ProcessFlags {
  force?: boolean;
  strict?: boolean;
  json?: boolean;
  quiet?: boolean;
  concurrency?: number;
}

async function runProcess(ids: string[], flags: ProcessFlags, retry?: ReadonlySet<string>): Promise<number> {
  const config = loadConfig();
  if (flags.concurrency) config.concurrency = flags.concurrency;
  const videos = selectVideos(libraryVideos(), ids);
  const release = await acquireRunLock(root);
  try {
    const reporter = progressReporter({ tty: Boolean(process.stderr.isTTY) && !flags.json, quiet: Boolean(flags.quiet || flags.json), write: err });
    let announced = false;
    const report = await processPendingVideos({
      root,
      videos,
      config,
      generator: configuredGenerator(config),
      source: configuredYouTubeSource(config),
      writer: createCacheWriter(root),
      force: flags.force,
      retry,
      events: {
        ...reporter,
        onPlan(plans) {
          if (plans.todo.length > 0 && config.provider === 'offline' && !announced) {
            announced = true;
            err('videos: no OPENAI_API_KEY: using the offline extractive provider');
          }
          reporter.onPlan?.(plans);
        },
      },
    });
    reporter.stop();
    for (const problem of report.cacheProblems) err(`videos: ${problem}`);
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    if (flags.json) {
      out(JSON.stringify({ provider: config.provider, outcomes: report.outcomes, upToDate: report.upToDate.map((p) => p.video.id), waitingForRetry: report.waitingForRetry.map((p) => p.video.id), cacheProblems: report.cacheProblems }, null, 2));
    } else if (flags.quiet || report.outcomes.length === 0) {
      out(summaryLine(report));
    } else {
      out('');
      out(outcomesTable(report.outcomes));
      out('');
      out(summaryLine(report));
      if (failed.length && !flags.strict) out('videos: failures do not fail the build; use --strict to exit 1 on any failure');
    }
    return flags.strict && failed.length > 0 ? 1 : 0;
  } finally {
    await release();
  }
}

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
  const rows: StatusRow[] = libraryVideos().map((video) => {
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
  const all = libraryVideos();
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
  return runProcess(targets, flags, new Set(targets));
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
    process.exitCode = await runProcess(ids, flags);
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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exit(0);
  if (code?.startsWith('commander.')) process.exit(1);
  if (error instanceof LockHeldError || error instanceof ConfigError || error instanceof UsageError || error instanceof PipelineError) {
    err(`videos: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
