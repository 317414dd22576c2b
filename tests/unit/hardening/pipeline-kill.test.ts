/**
 * The pipeline is killed with SIGKILL at many points of real runs (a local
 * OpenAI-compatible server with latency makes each run last long enough to
 * be hit mid-write), then run again. After every kill the cache must hold no
 * partial or empty file and no lost result; at the end nothing is stuck in
 * processing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOpenAIServer, type LocalOpenAI } from '../pipeline/helpers/openai-server.ts';
import { readVideoResult, readVideoStatus } from '../../../src/lib/generated-files.ts';

const REPO = join(import.meta.dirname, '../../..');
const CLI = join(REPO, 'scripts/videos.ts');
/**
 * Kill points as fractions of a full run's model calls, counted first: each kill follows the run's
 * n-th call by a few milliseconds to a little over the server's latency, so it lands while a call
 * is open, while its answer is being processed or while files are written, on fast and slow
 * machines alike (a wall-clock fraction of one timed run missed runs that went faster).
 */
const KILL_FRACTIONS = [0.05, 0.12, 0.2, 0.28, 0.35, 0.42, 0.5, 0.57, 0.64, 0.71, 0.78, 0.85, 0.9, 0.95];
const LATENCY_MS = 60;

let server: LocalOpenAI;
let root: string;
let ids: string[];

beforeAll(async () => {
  server = await startOpenAIServer();
  server.latencyMs = LATENCY_MS;
  root = mkdtempSync(join(tmpdir(), 'learnspace-kill-'));
  const videos = join(root, 'content', 'videos');
  mkdirSync(videos, { recursive: true });
  const source = join(REPO, 'content', 'videos');
  ids = readdirSync(source)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5));
  for (const f of readdirSync(source)) cpSync(join(source, f), join(videos, f));
});

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Where to kill a run: `afterMs` after the server receives the run's `call`-th model call. */
interface KillPoint {
  call: number;
  afterMs: number;
}

function run(args: string[], kill?: KillPoint): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const callsBefore = server.requests.length;
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: root,
    env: {
      ...process.env,
      LEARNSPACE_CONTENT: '',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: server.baseURL,
      LEARNSPACE_NO_YOUTUBE: '1',
      LEARNSPACE_CONCURRENCY: '2',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let timer: NodeJS.Timeout | undefined;
  const watch = !kill
    ? undefined
    : setInterval(() => {
        if (server.requests.length - callsBefore < kill.call) return;
        clearInterval(watch);
        timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      }, 2);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** Every material folder and status file the site reads parses and validates; returns which videos have a result. */
function assertCacheIntact(): { withResult: Set<string>; statuses: Map<string, string> } {
  const withResult = new Set<string>();
  const statuses = new Map<string, string>();
  for (const id of ids) {
    const result = readVideoResult(id, root);
    if (result.ok) withResult.add(id);
    else expect(result.missing, `${id}: ${result.error}`).toBe(true);
    const status = readVideoStatus(id, root);
    if (status.ok) statuses.set(id, status.value.status);
    else expect(status.missing, `${id}: ${status.error}`).toBe(true);
  }
  return { withResult, statuses };
}

describe('the pipeline killed at many points', () => {
  it(`loses nothing over ${KILL_FRACTIONS.length} SIGKILLs and finishes every video on the next run`, async () => {
    const first = await run(['process']);
    expect(first.code, first.stderr).toBe(0);
    let { withResult } = assertCacheIntact();
    expect(withResult.size).toBe(ids.length);
    // Counted on a run like the killed ones.
    const before = server.requests.length;
    const counted = await run(['process', '--force']);
    const callsPerRun = server.requests.length - before;
    expect(counted.code, counted.stderr).toBe(0);
    expect(callsPerRun).toBeGreaterThanOrEqual(ids.length);

    let killedMidRun = 0;
    let leftProcessing = 0;
    for (const [i, fraction] of KILL_FRACTIONS.entries()) {
      const point = { call: Math.max(1, Math.round(fraction * callsPerRun)), afterMs: (i * 23) % (2 * LATENCY_MS) };
      const outcome = await run(['process', '--force'], point);
      if (outcome.signal === 'SIGKILL') killedMidRun++;
      else expect(outcome.code, outcome.stderr).toBe(0);
      const after = assertCacheIntact();
      // A result, once written, survives any kill: regeneration replaces it atomically or not at all.
      for (const id of withResult)
        expect(after.withResult.has(id), `${id} lost its notes after a kill ${point.afterMs} ms after call ${point.call}`).toBe(true);
      withResult = after.withResult;
      leftProcessing += [...after.statuses.values()].filter((s) => s === 'processing').length;
    }
    // The kill points must actually land inside runs, or the test proves nothing.
    expect(killedMidRun).toBeGreaterThanOrEqual(KILL_FRACTIONS.length - 2);
    expect(leftProcessing).toBeGreaterThan(0);

    const last = await run(['process', '--strict']);
    expect(last.code, last.stderr).toBe(0);
    const final = assertCacheIntact();
    expect(final.withResult.size).toBe(ids.length);
    expect([...final.statuses.values()]).toEqual(ids.map(() => 'completed'));
  }, 180_000);
});
