/**
 * `videos process` (and `retry`): one pipeline run under the run lock, with
 * progress and the summary the CLI prints. Shared by scripts/videos.ts and
 * scripts/prebuild.ts, which passes the library the content check validated.
 */
import { join, relative } from 'node:path';
import { contentDir, readVideoLibrary } from '../../src/lib/content-files.ts';
import { generatedDir, readVideoStatus } from '../../src/lib/generated-files.ts';
import { validateContent, type ValidVideo } from '../../src/lib/validate-content.ts';
import { ConfigError, OFFLINE_MODEL, resolveConfig, type PipelineConfig } from '../pipeline/config.ts';
import { redactorFromEnv } from '../../src/lib/redact.ts';
import { acquireRunLock, createMaterialWriter, LockHeldError, migrateLegacyCaches } from '../pipeline/material-writer.ts';
import { processPendingVideos, type ProcessEvents, type ProcessOptions, type ProcessReport } from '../pipeline/process-videos.ts';
import { inShard, type Shard } from '../pipeline/needs-work.ts';
import { configuredGenerator, configuredYouTubeSource } from '../pipeline/lazy-adapters.ts';
import { keptMessage, outcomesTable, progressReporter, summaryLine } from '../pipeline/report.ts';
import { PipelineError } from '../pipeline/adapters.ts';

/** Every line the CLI prints passes through this: no configured secret or project path leaves the process. */
let redact = redactorFromEnv(process.env, { root: process.cwd() });
const stdout = (line: string) => process.stdout.write(redact(line) + '\n');
const stderr = (line: string) => process.stderr.write(redact(line) + '\n');
const err = stderr;

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
  /** `offline` asks for the extractor even when a key is set, and lets it replace model-written material. */
  provider?: PipelineConfig['provider'];
  /** Send the requests through the OpenAI Batch API (scripts/pipeline/batch-process.ts). */
  batch?: boolean;
  /** false with `--no-wait`: submit the batch and exit; a later run collects it. */
  wait?: boolean;
  /** Process only this share of the library (`--shard 2/4`). */
  shard?: Shard;
}

/** Parses `--shard i/n`; the message says what is expected. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n, e.g. 2/4; got "${text}"`);
  return { index, count };
}

/** First wait between polls of a batch, in ms (LEARNSPACE_BATCH_POLL_MS; tests and benchmarks poll a local server fast). */
function batchPollMs(env: NodeJS.ProcessEnv): number {
  const raw = env.LEARNSPACE_BATCH_POLL_MS?.trim();
  if (!raw) return 10_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`LEARNSPACE_BATCH_POLL_MS: expected a whole number of milliseconds, at least 1, got "${raw}"`);
  return n;
}

/** Applies `--provider` to the resolved settings; asking for a model without one configured is a usage error. */
export function withProvider(config: PipelineConfig, provider: ProcessFlags['provider']): PipelineConfig {
  if (provider === 'offline')
    return { ...config, provider: 'offline', notes: { ...config.notes, model: OFFLINE_MODEL }, quiz: { ...config.quiz, model: OFFLINE_MODEL } };
  if (provider === 'openai' && config.provider !== 'openai')
    throw new UsageError('--provider openai: set OPENAI_API_KEY (or NOTES_GENERATION_ENDPOINT / QUIZ_GENERATION_ENDPOINT for a local server)');
  return config;
}

export interface ProcessRun {
  root: string;
  ids: readonly string[];
  flags: ProcessFlags;
  /** Ids the user asked to retry: processed even when failed. */
  retry?: ReadonlySet<string>;
  /** The validated library when the caller already has it; read from content/videos otherwise. */
  library?: ValidVideo[];
  /** Extra listeners (the studio streams them to its page), called after the CLI's own reporter. */
  events?: ProcessEvents;
  /** Where the run's lines go instead of stdout/stderr (redacted first); no progress bar is drawn. */
  print?: { out(line: string): void; err(line: string): void };
}

/** True when the video's status file names a batch its requests wait in. */
function hasOpenBatch(root: string, id: string): boolean {
  const status = readVideoStatus(id, root);
  return status.ok && status.value.status === 'processing' && status.value.batch !== undefined;
}

/** Runs the pipeline and prints its outcome; returns the exit code (1 only with --strict and a failure). */
export async function runProcess({ root, ids, flags, retry, library, events, print }: ProcessRun): Promise<number> {
  const config = withProvider(resolveConfig(root), flags.provider);
  if (flags.concurrency) config.concurrency = flags.concurrency;
  redact = redactorFromEnv(process.env, { root, secrets: [config.apiKey], urls: [config.notes.baseURL, config.quiz.baseURL] });
  const out = print ? (line: string) => print.out(redact(line)) : stdout;
  const err = print ? (line: string) => print.err(redact(line)) : stderr;
  if (flags.batch && config.provider !== 'openai')
    throw new UsageError('--batch sends requests to the OpenAI Batch API: set OPENAI_API_KEY (the offline extractor needs no batch)');
  const selected = selectVideos(library ?? libraryVideos(root), ids);
  const shard = flags.shard;
  const videos = shard ? selected.filter((v) => inShard(v.id, shard)) : selected;
  if (shard && !flags.json) err(`videos: shard ${shard.index}/${shard.count}: ${videos.length} of ${selected.length} videos`);
  const release = await acquireRunLock(root);
  try {
    const migrated = await migrateLegacyCaches(root);
    if (migrated.length > 0) {
      err(
        `videos: moved ${migrated.length} video${migrated.length === 1 ? '' : 's'} from the single-file cache to reviewable files (${relative(root, generatedDir(root))}/<id>/: notes.md, quiz.yaml, transcript.vtt, meta.yaml, status.json): ${migrated.join(', ')}; commit the change`,
      );
    }
    const reporter = progressReporter({ tty: Boolean(process.stderr.isTTY) && !flags.json && !print, quiet: Boolean(flags.quiet || flags.json), write: err });
    let announced = false;
    const pipeline: ProcessOptions = {
      root,
      videos,
      config,
      generator: configuredGenerator(config, { libraryDir: join(contentDir(root), 'videos') }),
      source: configuredYouTubeSource(config),
      writer: createMaterialWriter(root),
      force: flags.force,
      retry,
      replaceModelMaterial: flags.provider === 'offline',
      events: {
        onStart(id) {
          reporter.onStart?.(id);
          events?.onStart?.(id);
        },
        onDone(outcome) {
          reporter.onDone?.(outcome);
          events?.onDone?.(outcome);
        },
        onPlan(plans) {
          if (plans.todo.length > 0 && config.provider === 'offline' && !announced) {
            announced = true;
            err(
              flags.provider === 'offline'
                ? 'videos: --provider offline: using the offline extractive provider'
                : 'videos: no OPENAI_API_KEY: using the offline extractive provider',
            );
          }
          reporter.onPlan?.(plans);
          events?.onPlan?.(plans);
        },
      },
    };
    const batchRun = config.provider === 'openai' && (flags.batch || videos.some((v) => hasOpenBatch(root, v.id)));
    const report: ProcessReport & { waiting?: { id: string; batchId: string; status: string }[] } = batchRun
      ? await (async () => {
          const [{ processInBatches }, { createBatchClient }, { liveTransport }] = await Promise.all([
            import('../pipeline/batch-process.ts'),
            import('../pipeline/batch-api.ts'),
            import('../pipeline/openai-provider.ts'),
          ]);
          return processInBatches({
            ...pipeline,
            batchClient: createBatchClient(config),
            live: liveTransport(config),
            submitNew: Boolean(flags.batch),
            wait: Boolean(flags.batch) && flags.wait !== false,
            pollMs: batchPollMs(process.env),
            notify: err,
          });
        })()
      : await processPendingVideos(pipeline);
    reporter.stop();
    if (report.inBatch.length && !batchRun)
      err(
        `videos: ${report.inBatch.length} video${report.inBatch.length === 1 ? '' : 's'} wait in an OpenAI batch (${report.inBatch.map((p) => `${p.video.id}: ${p.openBatch?.id ?? ''}`).join(', ')}); a run with OPENAI_API_KEY collects them`,
      );
    if (report.waiting?.length && !flags.json) {
      const batches = [...new Set(report.waiting.map((w) => w.batchId))];
      err(
        `videos: ${report.waiting.length} video${report.waiting.length === 1 ? '' : 's'} wait in batch${batches.length === 1 ? '' : 'es'} ${batches.join(', ')}; run \`npm run videos -- process --batch\` again to collect ${batches.length === 1 ? 'it' : 'them'}`,
      );
    }
    for (const problem of report.cacheProblems) err(`videos: ${problem}`);
    if (report.kept.length && !flags.json) err(keptMessage(report.kept));
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    if (flags.json) {
      out(
        JSON.stringify(
          {
            provider: config.provider,
            outcomes: report.outcomes,
            waitingInBatch: report.waiting ?? report.inBatch.map((p) => ({ id: p.video.id, batchId: p.openBatch?.id, status: 'unknown' })),
            upToDate: report.upToDate.map((p) => p.video.id),
            waitingForRetry: report.waitingForRetry.map((p) => p.video.id),
            kept: report.kept.map((p) => ({ id: p.video.id, model: p.previous?.generator.model, wouldHaveRun: p.keptFrom })),
            cacheProblems: report.cacheProblems,
          },
          null,
          2,
        ),
      );
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

/** Prints an error the user can act on as one `videos:` line and returns true; anything else is a bug (see reportUnexpectedError). */
export function reportKnownError(error: unknown): boolean {
  if (error instanceof LockHeldError || error instanceof ConfigError || error instanceof UsageError || error instanceof PipelineError) {
    err(`videos: ${error.message}`);
    return true;
  }
  return false;
}

/** A bug: its stack goes to stderr for a bug report, redacted like every other line. */
export function reportUnexpectedError(error: unknown): void {
  err(`videos: unexpected error (a bug; please report it with the lines below)\n${(error as Error)?.stack ?? String(error)}`);
}
