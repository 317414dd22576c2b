/**
 * `npm run videos -- <command>`: the video library CLI.
 *   process [ids...]   turn pending videos into transcripts, notes and quizzes (the prebuild runs this with --quiet)
 *   add <url-or-id...> add YouTube videos to the library (or a playlist, with --course <slug> [--group N] for a draft course)
 *   status             where every video stands
 *   retry [ids...]     process failed videos again
 *   show <id>          one video's material for review (scripts/commands/show.ts)
 *   diff <id>          reviewed material against the pipeline's proposal (scripts/commands/diff.ts)
 *   thumbnails [ids...] store each video's thumbnail in the repository (the prebuild fetches missing ones)
 */
import { Command, Option } from 'commander';
import { pendingProposals, readVideoResult, readVideoStatus } from '../src/lib/generated-files.ts';
import { videoStatuses, type VideoStatusFile } from '../src/lib/schema.ts';
import { redactorFromEnv } from '../src/lib/redact.ts';
import { table } from './pipeline/report.ts';
import { resolveConfig } from './pipeline/config.ts';
import { configuredYouTubeSource } from './pipeline/lazy-adapters.ts';
import {
  libraryVideos,
  reportKnownError,
  reportUnexpectedError,
  parseShard,
  runProcess,
  selectVideos,
  UsageError,
  type ProcessFlags,
} from './commands/process.ts';
import { runAdd } from './commands/add.ts';
import { runShow } from './commands/show.ts';
import { runDiff } from './commands/diff.ts';
import { fetchThumbnails, thumbnailSummary } from './pipeline/thumbnails.ts';

const root = process.cwd();
const redact = redactorFromEnv(process.env, { root });
const out = (line: string) => process.stdout.write(redact(line) + '\n');
const err = (line: string) => process.stderr.write(redact(line) + '\n');

interface StatusRow {
  id: string;
  status: VideoStatusFile['status'];
  attempts: number;
  updatedAt?: string | undefined;
  error?: string | undefined;
  servingPrevious?: boolean | undefined;
  provider?: string | undefined;
  cacheProblem?: string | undefined;
  /** Reviewed parts with a pipeline proposal waiting: "notes", "quiz". */
  reviewNeeded: ('notes' | 'quiz')[];
}

function runStatus(flags: { json?: boolean }): number {
  const rows: StatusRow[] = libraryVideos(root).map((video) => {
    const status = readVideoStatus(video.id, root);
    const result = readVideoResult(video.id, root);
    const base = {
      id: video.id,
      provider: result.ok ? `${result.value.generator.provider}/${result.value.generator.model}` : undefined,
      reviewNeeded: pendingProposals(video.id, root),
    };
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
        ['video', 'attempts', 'updated', 'generator', 'review', 'error'],
        group.map((r) => [
          r.id,
          String(r.attempts),
          r.updatedAt ?? '',
          r.provider ?? '',
          r.reviewNeeded.length ? `review needed (${r.reviewNeeded.join(', ')})` : '',
          [r.error, r.servingPrevious ? '(serving previous result)' : '', r.cacheProblem].filter(Boolean).join(' '),
        ]),
      ),
    );
  }
  if (rows.length === 0) out('videos: the library is empty; add one with `npm run videos -- add <youtube-url>`');
  const waiting = rows.filter((r) => r.reviewNeeded.length).map((r) => r.id);
  if (waiting.length) out(`\nreview needed: ${waiting.join(', ')}: new material waits beside reviewed files; see \`npm run videos -- diff <id>\``);
  out('');
  return 0;
}

async function runRetry(ids: string[], flags: ProcessFlags & { allFailed?: boolean }): Promise<number> {
  const all = libraryVideos(root);
  let targets: string[];
  if (flags.allFailed) {
    targets = all
      .filter((v) => {
        const s = readVideoStatus(v.id, root);
        return s.ok && s.value.status === 'failed';
      })
      .map((v) => v.id);
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
  const outcomes = await fetchThumbnails(
    videos.map((v) => v.id),
    { root, force: flags.force },
  );
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

const shardOption = new Option('--shard <i/n>', 'process only share i of n of the library (by a hash of each video id), e.g. 2/4 in a CI matrix').argParser(
  parseShard,
);

const providerOption = new Option(
  '--provider <name>',
  'offline: use the extractor even with a key, and let it replace model-written notes; openai: require a model',
).choices(['openai', 'offline']);

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
  .addOption(providerOption)
  .option('--batch', 'send notes and quiz requests through the OpenAI Batch API (half the price; results within 24 h)')
  .option('--no-wait', 'with --batch: submit the batch and exit; a later run collects it')
  .addOption(shardOption)
  .action(async (ids: string[], flags: ProcessFlags) => {
    process.exitCode = await runProcess({ root, ids, flags });
  });
const groupOption = new Option('--group <n>', 'with --course: videos per chapter (default 1)').argParser((v) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--group: expected a whole number of videos per chapter (1 or more), got "${v}"`);
  return n;
});

program
  .command('add')
  .description('add YouTube videos to the library by URL or id, or every video of a playlist')
  .argument('<urls...>', 'YouTube URLs (watch, youtu.be, shorts, embed, live), 11-character ids, or one playlist URL (youtube.com/playlist?list=...)')
  .option('--title <title>', "the title to record (used when YouTube cannot be reached, and instead of YouTube's)")
  .option('--course <slug>', 'with a playlist: also write a draft course content/courses/<slug>/ in playlist order')
  .addOption(groupOption)
  .action(async (urls: string[], flags: { title?: string; course?: string; group?: number }) => {
    const config = resolveConfig(root);
    process.exitCode = await runAdd({
      root,
      inputs: urls,
      title: flags.title,
      course: flags.course,
      group: flags.group,
      source: configuredYouTubeSource(config),
      captionLanguages: config.captionLanguages,
      out,
      err,
    });
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
  .addOption(providerOption)
  .option('--batch', 'send the requests through the OpenAI Batch API')
  .option('--no-wait', 'with --batch: submit the batch and exit; a later run collects it')
  .action(async (ids: string[], flags: ProcessFlags & { allFailed?: boolean }) => {
    process.exitCode = await runRetry(ids, flags);
  });
program
  .command('show')
  .description("print a video's material (meta, status, notes, glossary, quiz, transcript excerpt) for review")
  .argument('<id>', 'video id')
  .option('--json', 'print as JSON (shape documented in scripts/commands/show.ts)')
  .option('--full', 'the whole transcript, not an excerpt')
  .action((id: string, flags: { json?: boolean; full?: boolean }) => {
    process.exitCode = runShow(root, id, flags, out);
  });
program
  .command('diff')
  .description("what changed between a video's reviewed notes/quiz and the pipeline's proposal")
  .argument('<id>', 'video id')
  .action((id: string) => {
    process.exitCode = runDiff(root, id, out, Boolean(process.stdout.isTTY));
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
  reportUnexpectedError(error);
  process.exit(1);
}
