/**
 * Batch mode and sharding, measured against the local OpenAI-compatible server
 * of the tests (chat completions with fixed latency, and the Batch API):
 *   1. a cold library on the synchronous path (concurrency 4);
 *   2. the same library with `--batch` (HTTP requests sent, batches, wall time);
 *   3. a resumed batch run: `--batch --no-wait` submits, later runs collect;
 *   4. 4 shards of the library run in parallel, each on its own copy (like a CI
 *      matrix), against one unsharded run; files written by two shards counted.
 * Run: npx tsx bench/pipeline-batch.ts [--videos 48] [--latency 200]
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { startOpenAIServer, type LocalOpenAI } from '../tests/unit/pipeline/helpers/openai-server.ts';
import { benchEnv } from './build-benchmark.ts';
import { measureCommand, type ProcessMeasurement } from './measure-process.ts';
import { generateCatalog } from './generate-catalog.ts';
import { coldCatalogSize } from './pipeline-benchmark.ts';

const projectRoot = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { videos: { type: 'string', default: '48' }, latency: { type: 'string', default: '200' } } });
const videos = Number(values.videos);
const latencyMs = Number(values.latency);

/** Runs `videos process` on a content folder against the server; returns the measurement and the run's JSON summary. */
async function process(server: LocalOpenAI, contentDir: string, args: string[]): Promise<{ run: ProcessMeasurement; completed: number; failed: number }> {
  const env = benchEnv(projectRoot, {
    LEARNSPACE_CONTENT: contentDir,
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: server.baseURL,
    LEARNSPACE_NO_YOUTUBE: '1',
    LEARNSPACE_MAX_RETRIES: '0',
    LEARNSPACE_CONCURRENCY: '4',
    LEARNSPACE_BATCH_POLL_MS: '100',
  });
  const run = await measureCommand(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/videos.ts', 'process', '--json', ...args], {
    cwd: projectRoot,
    env,
  });
  const json = JSON.parse(run.stdout) as { outcomes: { status: string }[] };
  return { run, completed: json.outcomes.filter((o) => o.status === 'completed').length, failed: json.outcomes.filter((o) => o.status !== 'completed').length };
}

/** Every file under a folder with its modification time. */
function snapshot(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.startsWith('.pipeline.lock')) files.set(relative(dir, path), statSync(path).mtimeMs);
    }
  };
  walk(dir);
  return files;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const work = mkdtempSync(join(tmpdir(), 'learnspace-bench-batch-'));
const server = await startOpenAIServer();
server.latencyMs = latencyMs;
const counters = () => ({ hits: server.hits, chat: server.requests.length, batched: server.batchedRequests.length, batches: server.batchCreations });
const since = (before: ReturnType<typeof counters>) => {
  const now = counters();
  return { hits: now.hits - before.hits, chat: now.chat - before.chat, batched: now.batched - before.batched, batches: now.batches - before.batches };
};
const rows: string[] = [];
const row = (cells: (string | number)[]) => rows.push(`| ${cells.join(' | ')} |`);

try {
  const fresh = (name: string) => generateCatalog(join(work, name), coldCatalogSize(videos)).dir;

  // What every run pays before any model work: Node, tsx and the pipeline starting on a library with nothing to do.
  const idleDir = fresh('idle');
  await process(server, idleDir, []);
  let before = counters();
  const idle = await process(server, idleDir, []);
  let used = since(before);
  row([`nothing to do (start-up only)`, used.hits, 0, seconds(idle.run.wallMs), 'all up to date']);

  before = counters();
  const sync = await process(server, fresh('sync'), []);
  used = since(before);
  row([
    `synchronous, concurrency 4`,
    `${used.hits} (${used.chat} chat completions)`,
    0,
    seconds(sync.run.wallMs),
    `${sync.completed} completed, ${sync.failed} failed`,
  ]);

  before = counters();
  const batch = await process(server, fresh('batch'), ['--batch']);
  used = since(before);
  row([
    `--batch (waits)`,
    `${used.hits} (${used.batched} requests inside batches, ${used.chat} chat completions)`,
    used.batches,
    seconds(batch.run.wallMs),
    `${batch.completed} completed, ${batch.failed} failed`,
  ]);

  // Resumed: each run polls once and exits; the local server moves a batch one step per poll, so it takes a few runs.
  const resumedDir = fresh('resumed');
  for (let i = 1; i <= 8; i++) {
    before = counters();
    const step = await process(server, resumedDir, ['--batch', '--no-wait']);
    used = since(before);
    row([
      `--batch --no-wait, run ${i}`,
      `${used.hits} (${used.batched} requests inside batches, ${used.chat} chat completions)`,
      used.batches,
      seconds(step.run.wallMs),
      `${step.completed} completed${/submitted batch/.test(step.run.stderr) ? '; submitted' : '; collected or waited'}`,
    ]);
    if (step.completed === videos) break;
  }

  const shardsHeader = rows.length;
  const whole = fresh('unsharded');
  before = counters();
  const unsharded = await process(server, whole, []);
  used = since(before);
  row([`unsharded, concurrency 4`, `${used.chat} chat completions`, '', seconds(unsharded.run.wallMs), `${unsharded.completed} completed`]);
  const base = fresh('shard-base');
  const copies = [1, 2, 3, 4].map((i) => {
    const copy = join(work, `shard-${i}`);
    cpSync(base, copy, { recursive: true });
    return copy;
  });
  const snapshots = copies.map(snapshot);
  before = counters();
  const started = performance.now();
  const shards = await Promise.all(copies.map((copy, i) => process(server, copy, ['--shard', `${i + 1}/4`])));
  const wallMs = performance.now() - started;
  used = since(before);
  const written = copies.map((copy, i) => [...snapshot(copy)].filter(([file, mtime]) => snapshots[i]?.get(file) !== mtime).map(([file]) => file));
  const all = written.flat();
  const overlap = all.length - new Set(all).size;
  const covered = new Set(all.filter((f) => f.startsWith('generated/videos/')).map((f) => f.split('/')[2])).size;
  row([
    `4 shards in parallel, concurrency 4 each`,
    `${used.chat} chat completions`,
    '',
    `${seconds(wallMs)} (shards: ${shards.map((s) => seconds(s.run.wallMs)).join(', ')})`,
    `${shards.map((s) => s.completed).join(' + ')} completed; ${covered} of ${videos} videos written, ${overlap} files written by two shards`,
  ]);

  console.log(
    `Batch mode and sharding: ${videos} caption-file videos, local server at ${latencyMs} ms per chat completion (${new Date().toISOString().slice(0, 10)})\n`,
  );
  console.log('| run | HTTP requests to the server | batches created | wall time | result |');
  console.log('|---|---|---|---|---|');
  for (const [i, line] of rows.entries()) {
    if (i === shardsHeader) console.log('|  |  |  |  |  |');
    console.log(line);
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
