/**
 * `npm run bench`: builds synthetic catalogs (S, then L) and a bare-Astro
 * baseline with the same pages in the same run, measures the video pipeline
 * warm and cold, weighs every page type and times search, then prints the
 * tables and writes them into BENCHMARKS.md.
 *
 *   npm run bench                  # S (3 runs) and L (1 run), under 20 minutes on 2 cores
 *   npm run bench -- --quick       # S only
 *   npm run bench -- --xl          # XL only (20,000 items, 8,000 videos), 1 run; long
 *   npm run bench -- --runs 5      # 5 runs of every size
 *   npm run bench -- --json        # also print the raw results as JSON
 *   npm run bench -- --no-write    # leave BENCHMARKS.md alone
 *   npm run bench -- --keep        # keep the temporary folder (catalogs, dist/, baseline)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCatalog, SIZES } from './generate-catalog.ts';
import { measureBaselineBuild, measureOurBuild, type BuildMeasurement } from './build-benchmark.ts';
import { measureColdPipeline, runPipeline } from './pipeline-benchmark.ts';
import { measureSiteWeight, pagesIndexedFrom, pagesOfBaseline, pagesOfOurSite, type SiteWeight } from './page-weight.ts';
import { machineInfo } from './machine.ts';
import { snapshotSite } from './site-snapshot.ts';
import { HTML_BUDGET_BYTES } from './files.ts';
import { renderResults, writeBenchmarksFile, type BenchResults, type SizeResult } from './report.ts';

const COLD_VIDEOS = 48;
const COLD_CONCURRENCIES = [1, 4, 16];
const COLD_LATENCY_MS = 200;
const WARM_RUNS = 3;

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    xl: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const root = process.cwd();
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (message: string) => console.error(`[bench ${elapsed()}] ${message}`);

function runsFor(size: keyof typeof SIZES): number {
  if (options.runs !== undefined) {
    const n = Number(options.runs);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--runs: expected a whole number of at least 1, got "${options.runs}"`);
    return n;
  }
  return size === 'S' ? 3 : 1;
}

async function benchSize(tmp: string, site: string, name: keyof typeof SIZES): Promise<SizeResult> {
  const dir = join(tmp, name);
  const catalog = generateCatalog(join(dir, 'content'), SIZES[name]);
  log(
    `${name}: generated ${catalog.counts.courses} courses, ${catalog.counts.items} items, ${catalog.counts.videos} videos (${(catalog.counts.bytes / 1024 / 1024).toFixed(0)} MiB)`,
  );
  const ours: BuildMeasurement[] = [];
  const baseline: BuildMeasurement[] = [];
  for (let run = 1; run <= runsFor(name); run++) {
    const o = await measureOurBuild(root, site, catalog, join(dir, 'astro-cache'));
    ours.push(o);
    log(
      `${name} run ${run}: ours ${(o.wallMs / 1000).toFixed(1)} s, ${o.pages} pages, ${o.dist.files} files, ${(o.distBytes / 1024 ** 2).toFixed(0)} MiB, largest HTML ${o.dist.largestHtml[0]?.path ?? '—'} ${((o.dist.largestHtml[0]?.bytes ?? 0) / 1024).toFixed(0)} KiB, peak ${(o.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`,
    );
    if (o.dist.htmlOverBudget > 0) log(`${name} run ${run}: ${o.dist.htmlOverBudget} HTML files over ${HTML_BUDGET_BYTES / 1024} KiB`);
    const b = await measureBaselineBuild(root, catalog, join(dir, 'baseline'), o.pages, join(dir, 'baseline-cache'));
    baseline.push(b);
    log(`${name} run ${run}: baseline ${(b.wallMs / 1000).toFixed(1)} s, ${b.pages} pages, peak ${(b.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`);
  }
  const warmPipelineMs: number[] = [];
  let warmUpToDate = 0;
  for (let run = 0; run < WARM_RUNS; run++) {
    const { measurement, report } = await runPipeline(root, catalog.dir);
    if (report.processed + report.failed > 0)
      throw new Error(`${name}: the warm pipeline run regenerated ${report.processed + report.failed} videos; the generated cache should be up to date`);
    warmPipelineMs.push(measurement.wallMs);
    warmUpToDate = report.upToDate;
  }
  log(`${name}: warm pipeline ${warmPipelineMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s`);
  const last = ours.at(-1)!;
  const lastBaseline = baseline.at(-1)!;
  let weight: SiteWeight | null = null;
  let baselineWeight: SiteWeight | null = null;
  try {
    weight = await measureSiteWeight(last.outDir, pagesOfOurSite(last.outDir, catalog), pagesIndexedFrom(last.steps.pagefind?.stdout ?? ''));
    baselineWeight = await measureSiteWeight(lastBaseline.outDir, pagesOfBaseline(catalog), pagesIndexedFrom(lastBaseline.steps.pagefind?.stdout ?? ''));
    log(`${name}: weighed ${Object.keys(weight.pages).length} page types`);
  } catch (error) {
    // Page weight needs a Chromium; the build and pipeline figures are still worth reporting without it.
    log(`${name}: page weight and search not measured: ${(error as Error).message.split('\n')[0]}`);
  }
  return { size: name, counts: catalog.counts, ours, baseline, warmPipelineMs, warmUpToDate, weight, baselineWeight };
}

async function main(): Promise<void> {
  const machine = machineInfo(root);
  const tmp = mkdtempSync(join(tmpdir(), 'learnspace-bench-'));
  log(`working in ${tmp}`);
  try {
    const names: (keyof typeof SIZES)[] = options.xl ? ['XL'] : options.quick ? ['S'] : ['S', 'L'];
    // One snapshot of the site for every size, so S and L measure the same version.
    const site = snapshotSite(root, join(tmp, 'site'));
    const sizes: SizeResult[] = [];
    for (const name of names) sizes.push(await benchSize(tmp, site, name));
    log(`cold pipeline: ${COLD_VIDEOS} videos at concurrency ${COLD_CONCURRENCIES.join(', ')}`);
    const cold = await measureColdPipeline(root, join(tmp, 'cold', 'content'), COLD_VIDEOS, COLD_CONCURRENCIES, COLD_LATENCY_MS);
    const args = process.argv.slice(2);
    const results: BenchResults = {
      machine,
      command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      durationMs: performance.now() - started,
      runs: Object.fromEntries(names.map((n) => [n, runsFor(n)])),
      sizes,
      cold,
      coldLatencyMs: COLD_LATENCY_MS,
    };
    const section = renderResults(results);
    console.log(section);
    if (options.json) console.log(JSON.stringify(results, (key, value: unknown) => (key === 'stdout' || key === 'stderr' ? undefined : value), 2));
    if (!options['no-write']) {
      writeBenchmarksFile(join(root, 'BENCHMARKS.md'), section, options.xl ? 'xl' : 'results');
      log('wrote BENCHMARKS.md');
    }
  } finally {
    if (options.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
