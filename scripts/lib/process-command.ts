/**
 * `videos process` (and `retry`): one pipeline run under the run lock, with
 * progress and the summary the CLI prints. Shared by scripts/videos.ts and
 * scripts/prebuild.ts, which passes the library the content check validated.
 */
import { join } from 'node:path';
import { contentDir, readVideoLibrary } from '../../src/lib/content-files.ts';
import { validateContent, type ValidVideo } from '../../src/lib/validate-content.ts';
import { ConfigError, resolveConfig } from '../pipeline/config.ts';
import { acquireRunLock, createCacheWriter, LockHeldError } from '../pipeline/cache-writer.ts';
import { processPendingVideos } from '../pipeline/process-videos.ts';
import { configuredGenerator, configuredYouTubeSource } from '../pipeline/lazy-adapters.ts';
import { outcomesTable, progressReporter, summaryLine } from '../pipeline/report.ts';
import { PipelineError } from '../pipeline/adapters.ts';

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

/** A command used wrongly; its message says how to use it. */
export class UsageError extends Error {}

/** The valid library entries; only content/videos is read, since courses do not change what the pipeline does. */
export function libraryVideos(root: string): ValidVideo[] {
  const library = validateContent(readVideoLibrary(root));
  for (const p of library.problems) err(`videos: skipping ${p.file}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
  return library.videos;
}

export function selectVideos(all: ValidVideo[], ids: readonly string[]): ValidVideo[] {
  if (ids.length === 0) return all;
  const unknown = ids.filter((id) => !all.some((v) => v.id === id));
  if (unknown.length) throw new UsageError(`not in the library: ${unknown.join(', ')} (add with \`npm run videos -- add <url>\`)`);
  return all.filter((v) => ids.includes(v.id));
}

export interface ProcessFlags {
  force?: boolean;
  strict?: boolean;
  json?: boolean;
  quiet?: boolean;
  concurrency?: number;
}

export interface ProcessRun {
  root: string;
  ids: readonly string[];
  flags: ProcessFlags;
  /** Ids the user asked to retry: processed even when failed. */
  retry?: ReadonlySet<string>;
  /** The validated library when the caller already has it; read from content/videos otherwise. */
  library?: ValidVideo[];
}

/** Runs the pipeline and prints its outcome; returns the exit code (1 only with --strict and a failure). */
export async function runProcess({ root, ids, flags, retry, library }: ProcessRun): Promise<number> {
  const config = resolveConfig(root);
  if (flags.concurrency) config.concurrency = flags.concurrency;
  const videos = selectVideos(library ?? libraryVideos(root), ids);
  const release = await acquireRunLock(root);
  try {
    const reporter = progressReporter({ tty: Boolean(process.stderr.isTTY) && !flags.json, quiet: Boolean(flags.quiet || flags.json), write: err });
    let announced = false;
    const report = await processPendingVideos({
      root,
      videos,
      config,
      generator: configuredGenerator(config, { libraryDir: join(contentDir(root), 'videos') }),
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

/** Prints an error the user can act on as one `videos:` line and returns true; anything else is a bug and is left to crash. */
export function reportKnownError(error: unknown): boolean {
  if (error instanceof LockHeldError || error instanceof ConfigError || error instanceof UsageError || error instanceof PipelineError) {
    err(`videos: ${error.message}`);
    return true;
  }
  return false;
}
