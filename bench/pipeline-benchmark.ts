/**
 * Video pipeline throughput: a warm run (every video up to date, nothing to
 * do) on a large catalog, and cold runs against a local OpenAI-compatible
 * server with fixed latency at several concurrencies, compared with the
 * ideal of calls × latency / concurrency.
 */
import { join } from 'node:path';
import { measureCommand, type ProcessMeasurement } from './measure-process.ts';
import { benchEnv } from './build-benchmark.ts';
import { generateCatalog, type CatalogSize, type GeneratedCatalog } from './generate-catalog.ts';
import { startFakeOpenAI } from './fake-openai.ts';

export interface PipelineRunReport {
  upToDate: number;
  processed: number;
  failed: number;
}

export interface ColdRun {
  concurrency: number;
  videos: number;
  calls: number;
  latencyMs: number;
  /** Whole command, Node and tsx start-up included. */
  wallMs: number;
  /** First request received to last response sent: the part concurrency can speed up. */
  activeMs: number;
  idealMs: number;
  /** idealMs / activeMs: 1 means every slot was busy the whole time. */
  efficiency: number;
  peakInFlight: number;
}

/** Runs `scripts/videos.ts process --json` and reads its summary. */
export async function runPipeline(
  projectRoot: string,
  contentDir: string,
  extraEnv: Record<string, string> = {},
): Promise<{ measurement: ProcessMeasurement; report: PipelineRunReport }> {
  const env = benchEnv(projectRoot, { LEARNSPACE_CONTENT: contentDir, ...extraEnv });
  const measurement = await measureCommand(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/videos.ts', 'process', '--json'], {
    cwd: projectRoot,
    env,
  });
  const json = JSON.parse(measurement.stdout) as { outcomes: { status: string }[]; upToDate: unknown[] };
  return {
    measurement,
    report: {
      upToDate: json.upToDate.length,
      processed: json.outcomes.filter((o) => o.status === 'completed').length,
      failed: json.outcomes.filter((o) => o.status !== 'completed').length,
    },
  };
}

/** The catalog cold runs use: `videos` library entries with caption files and no generated cache. */
export const coldCatalogSize = (videos: number): CatalogSize => ({
  name: `cold-${videos}`,
  courses: 1,
  chaptersPerCourse: 1,
  itemsPerChapter: 10,
  videos,
  // Short enough that every transcript fits one prompt: two calls per video, notes then quiz.
  videoMinutes: [6, 12],
  withCache: false,
});

/** Cold runs at each concurrency, each on a freshly generated catalog (nothing cached). */
export async function measureColdPipeline(
  projectRoot: string,
  dir: string,
  videos: number,
  concurrencies: readonly number[],
  latencyMs: number,
): Promise<ColdRun[]> {
  const server = await startFakeOpenAI(latencyMs);
  const runs: ColdRun[] = [];
  try {
    for (const concurrency of concurrencies) {
      const catalog: GeneratedCatalog = generateCatalog(dir, coldCatalogSize(videos));
      server.reset();
      const { measurement, report } = await runPipeline(projectRoot, catalog.dir, {
        OPENAI_API_KEY: 'bench',
        OPENAI_BASE_URL: server.baseURL,
        LEARNSPACE_CONCURRENCY: String(concurrency),
        LEARNSPACE_NO_YOUTUBE: '1',
        LEARNSPACE_MAX_RETRIES: '0',
      });
      if (report.processed !== videos)
        throw new Error(
          `cold pipeline run at concurrency ${concurrency} processed ${report.processed} of ${videos} videos (${report.failed} failed):\n${measurement.stdout.slice(0, 2000)}`,
        );
      const calls = server.calls.length;
      const activeMs = Math.max(...server.calls.map((c) => c.endedAt)) - Math.min(...server.calls.map((c) => c.startedAt));
      const idealMs = (calls * latencyMs) / concurrency;
      runs.push({
        concurrency,
        videos,
        calls,
        latencyMs,
        wallMs: measurement.wallMs,
        activeMs,
        idealMs,
        efficiency: idealMs / activeMs,
        peakInFlight: server.peakInFlight(),
      });
    }
  } finally {
    await server.close();
  }
  return runs;
}
