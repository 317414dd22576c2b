/**
 * Turns benchmark results into the markdown tables printed at the end of a
 * run and written into BENCHMARKS.md between markers, so the hand-written
 * findings around them survive every rerun.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { markdownTable } from 'markdown-table';
import { median, growthExponent } from './stats.ts';
import type { BuildMeasurement, BuildStep } from './build-benchmark.ts';
import type { ColdRun } from './pipeline-benchmark.ts';
import type { MachineInfo } from './machine.ts';
import { PAGE_TYPES, type PageWeight, type SiteWeight } from './page-weight.ts';
import { HTML_BUDGET_BYTES } from './files.ts';
import type { GeneratedCatalog } from './generate-catalog.ts';

export interface SizeResult {
  size: string;
  counts: GeneratedCatalog['counts'];
  ours: BuildMeasurement[];
  baseline: BuildMeasurement[];
  warmPipelineMs: number[];
  warmUpToDate: number;
  weight: SiteWeight | null;
  /** Keyed by our page type: the baseline page made from the same text, where there is one. */
  baselineWeight: SiteWeight | null;
}

export interface BenchResults {
  machine: MachineInfo;
  command: string;
  startedAt: string;
  durationMs: number;
  runs: Record<string, number>;
  sizes: SizeResult[];
  cold: ColdRun[];
  coldLatencyMs: number;
}

export const TARGETS = {
  /** Full build against the baseline, per catalog size (issue 12); sizes without one are recorded only. */
  buildRatio: { S: 1.4, L: 1.3 } as Record<string, number | undefined>,
  distRatio: 2,
  pagefindRatio: 1.5,
  growthExponent: 1,
  peakRssBytes: 4 * 1024 ** 3,
  warmPipelineMs: 2000,
  coldEfficiencyAt16: 0.85,
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 ** 2 ? 2 : 0)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const pct = (x: number) => `${Math.round(x * 100)} %`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const ratioCell = (ratio: number, target: number | undefined) =>
  `${ratio.toFixed(2)}${target === undefined ? '' : ` (≤ ${target}: ${verdict(ratio <= target)})`}`;

const med = (list: readonly BuildMeasurement[], pick: (m: BuildMeasurement) => number) => median(list.map(pick));
const stepMs = (list: readonly BuildMeasurement[], step: BuildStep) => (list.every((m) => m.steps[step]) ? med(list, (m) => m.steps[step]!.wallMs) : NaN);

function buildTable(sizes: readonly SizeResult[]): string {
  const rows = sizes.map((s) => {
    const ours = med(s.ours, (m) => m.wallMs);
    const base = med(s.baseline, (m) => m.wallMs);
    const ratio = ours / base;
    return [
      s.size,
      String(s.ours[0]!.pages),
      `${s.ours.length}`,
      seconds(ours),
      seconds(base),
      ratioCell(ratio, TARGETS.buildRatio[s.size]),
      seconds(med(s.ours, (m) => m.steps.astro!.wallMs)),
      seconds(med(s.baseline, (m) => m.steps.astro!.wallMs)),
      `${mib(med(s.ours, (m) => m.peakRssBytes))} (< 4 GiB: ${verdict(med(s.ours, (m) => m.peakRssBytes) < TARGETS.peakRssBytes)})`,
      mib(med(s.baseline, (m) => m.peakRssBytes)),
    ];
  });
  return markdownTable([
    [
      'size',
      'pages',
      'runs',
      'ours: full build',
      'baseline: full build',
      'ratio (target: S ≤ 1.4, L ≤ 1.3)',
      'ours: astro build',
      'baseline: astro build',
      'ours: peak RSS',
      'baseline: peak RSS',
    ],
    ...rows,
  ]);
}

/** dist/ against the baseline's, Pagefind's time against the baseline's, and the largest HTML file against the page budget. */
function outputTable(sizes: readonly SizeResult[]): string {
  const rows = sizes.map((s) => {
    const ours = s.ours.at(-1)!;
    const base = s.baseline.at(-1)!;
    const pagefind = stepMs(s.ours, 'pagefind') / stepMs(s.baseline, 'pagefind');
    const largest = ours.dist.largestHtml[0];
    return [
      s.size,
      `${ours.dist.files.toLocaleString('en')} / ${base.dist.files.toLocaleString('en')}`,
      `${mib(ours.distBytes)} / ${mib(base.distBytes)}`,
      ratioCell(ours.distBytes / base.distBytes, TARGETS.distRatio),
      `${seconds(stepMs(s.ours, 'pagefind'))} / ${seconds(stepMs(s.baseline, 'pagefind'))}`,
      ratioCell(pagefind, TARGETS.pagefindRatio),
      largest ? `/${largest.path} ${kib(largest.bytes)}` : '—',
      `${ours.dist.htmlOverBudget} (${verdict(ours.dist.htmlOverBudget === 0)})`,
    ];
  });
  return markdownTable([
    [
      'size',
      'files: ours / baseline',
      'dist: ours / baseline',
      'dist ratio',
      'Pagefind: ours / baseline',
      'Pagefind ratio',
      'largest HTML file (ours)',
      `HTML files over ${HTML_BUDGET_BYTES / 1024} KiB`,
    ],
    ...rows,
  ]);
}

/** Our dist/ by kind of file, with bytes and files per catalog item (what the deploy guide's limits are computed from). */
function kindsTable(s: SizeResult): string {
  const dist = s.ours.at(-1)!.dist;
  const items = s.counts.items;
  const kinds = Object.entries(dist.byKind).sort((a, b) => b[1].bytes - a[1].bytes);
  return markdownTable([
    ['kind', 'files', 'bytes', 'share', 'bytes per item', 'files per item'],
    ...kinds.map(([kind, k]) => [
      kind,
      k.files.toLocaleString('en'),
      mib(k.bytes),
      pct(k.bytes / dist.bytes),
      kib(k.bytes / items),
      (k.files / items).toFixed(2),
    ]),
    ['**all**', dist.files.toLocaleString('en'), mib(dist.bytes), '100 %', kib(dist.bytes / items), (dist.files / items).toFixed(2)],
  ]);
}

function stepsTable(sizes: readonly SizeResult[]): string {
  const steps: BuildStep[] = ['prebuild', 'astro', 'pagefind'];
  const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : seconds(ms));
  return markdownTable([
    ['size', ...steps.map((s) => `ours: ${s}`), 'baseline: astro', 'baseline: pagefind'],
    ...sizes.map((s) => [s.size, ...steps.map((step) => fmt(stepMs(s.ours, step))), fmt(stepMs(s.baseline, 'astro')), fmt(stepMs(s.baseline, 'pagefind'))]),
  ]);
}

function growthTable(small: SizeResult, large: SizeResult): string {
  const factor = large.counts.items / small.counts.items;
  const row = (label: string, pick: (m: BuildMeasurement) => number, format: (n: number) => string, target: boolean) => {
    const [os, ol, bs, bl] = [med(small.ours, pick), med(large.ours, pick), med(small.baseline, pick), med(large.baseline, pick)];
    const k = growthExponent(os, ol, factor);
    return [
      label,
      format(os),
      format(ol),
      `×${(ol / os).toFixed(1)} (k = ${k.toFixed(2)}${target ? `, ${verdict(k <= TARGETS.growthExponent + 0.05)}` : ''})`,
      `×${(bl / bs).toFixed(1)} (k = ${growthExponent(bs, bl, factor).toFixed(2)})`,
    ];
  };
  return markdownTable([
    ['metric', `ours ${small.size}`, `ours ${large.size}`, `ours ${small.size}→${large.size} (linear: k ≤ 1)`, `baseline ${small.size}→${large.size}`],
    row('full build wall time', (m) => m.wallMs, seconds, true),
    row('astro build wall time', (m) => m.steps.astro!.wallMs, seconds, true),
    row('peak RSS', (m) => m.peakRssBytes, mib, true),
    row('dist size', (m) => m.distBytes, mib, true),
  ]);
}

function pipelineTable(results: BenchResults): string {
  const warm = results.sizes.map((s) => {
    const ms = median(s.warmPipelineMs);
    return [
      `warm, ${s.size} (${s.counts.videos} videos, ${s.warmUpToDate} up to date)`,
      seconds(ms),
      s.size === 'L' ? `< 2 s: ${verdict(ms < TARGETS.warmPipelineMs)}` : '',
    ];
  });
  const cold = results.cold.map((r) => [
    `cold, ${r.videos} videos, concurrency ${r.concurrency}: ${r.calls} calls × ${r.latencyMs} ms`,
    `${seconds(r.wallMs)} wall; ${seconds(r.activeMs)} from first call to last answer (ideal ${seconds(r.idealMs)}; ${(r.calls / (r.activeMs / 1000)).toFixed(1)} calls/s; peak ${r.peakInFlight} in flight)`,
    `${pct(r.efficiency)} of ideal${r.concurrency === 16 ? ` (target ≥ 85 %: ${verdict(r.efficiency >= TARGETS.coldEfficiencyAt16)})` : ''}`,
  ]);
  return markdownTable([['pipeline run', 'time', 'against target'], ...warm, ...cold]);
}

function weightTable(s: SizeResult): string {
  if (!s.weight) return '_not measured_';
  const w = s.weight;
  const b = s.baselineWeight;
  const cell = (page: PageWeight | undefined, pick: (p: PageWeight) => number) => (page ? kib(pick(page)) : '—');
  const rows = PAGE_TYPES.map((type) => {
    const ours = w.pages[type];
    const base = b?.pages[type];
    return [
      type,
      ours?.path ?? '(no such page yet)',
      cell(ours, (p) => p.htmlGzip),
      cell(ours, (p) => p.fetchedGzip),
      cell(ours, (p) => p.jsGzip),
      ours ? String(ours.scripts) : '—',
      cell(ours, (p) => p.cssGzip),
      cell(base, (p) => p.htmlGzip),
      cell(base, (p) => p.jsGzip),
    ];
  });
  return markdownTable([
    ['page type', 'page', 'HTML gzip', 'fetched on demand gzip', 'JS gzip', 'scripts', 'CSS gzip', 'baseline HTML gzip (same text)', 'baseline JS gzip'],
    ...rows,
  ]);
}

function searchTable(sizes: readonly SizeResult[]): string {
  const rows = sizes.flatMap((s) => {
    const pair = [
      ['ours', s.weight],
      ['baseline', s.baselineWeight],
    ] as const;
    return pair.flatMap(([who, w]) =>
      w
        ? [
            [
              `${s.size} ${who}`,
              String(w.pagesIndexed),
              mib(w.pagefindBytes),
              kib(w.pagefindBytes / Math.max(1, w.pagesIndexed)),
              w.search ? `${w.search.coldMs.toFixed(0)} ms` : '—',
              w.search ? `${w.search.warmMedianMs.toFixed(0)} ms` : '—',
            ],
          ]
        : [],
    );
  });
  return markdownTable([['site', 'pages indexed', 'Pagefind index', 'index per page', 'first query (cold)', 'next queries (median)'], ...rows]);
}

/** The results section of BENCHMARKS.md (also printed at the end of a run). */
export function renderResults(results: BenchResults): string {
  const m = results.machine;
  const small = results.sizes.find((s) => s.size === 'S');
  const large = results.sizes.find((s) => s.size === 'L');
  const parts = [
    `Measured ${results.startedAt} on ${m.cpu}, ${m.cores} cores, ${mib(m.ramBytes).replace(' MiB', '')} MiB RAM, Node ${m.node}, ${m.os}, commit ${m.commit}, load average ${m.loadAverage.toFixed(1)} at the start${m.loadAverage > m.cores ? ' (other work was competing for the CPU: compare ours with the baseline of the same run, not absolute times)' : ''}; ` +
      `\`${results.command}\` took ${seconds(results.durationMs)}. Medians of ${Object.entries(results.runs)
        .map(([k, v]) => `${v} run${v === 1 ? '' : 's'} on ${k}`)
        .join(', ')}; ` +
      'every build starts from an empty Astro cache. Peak RSS is the largest sum over the build\'s whole process tree (sampled from /proc every 50 ms); "full build" is the prebuild (content check and video pipeline with a warm cache, one process), `astro build` and `pagefind` for ours, `astro build` and `pagefind` for the baseline.',
    '### Build: ours against a bare Astro + MDX site with the same pages and text',
    buildTable(results.sizes),
    '#### Where the time goes (medians per step)',
    stepsTable(results.sizes),
    `### Output: dist/ and search index against the baseline (targets: dist ≤ ${TARGETS.distRatio}×, Pagefind ≤ ${TARGETS.pagefindRatio}×, no HTML file over ${HTML_BUDGET_BYTES / 1024} KiB)`,
    outputTable(results.sizes),
    ...results.sizes.flatMap((s) => [
      `#### Our dist/ by kind of file, ${s.size} (${s.counts.items.toLocaleString('en')} items, ${s.counts.videos.toLocaleString('en')} videos)`,
      kindsTable(s),
    ]),
  ];
  if (small && large)
    parts.push(`#### Growth from S to L (×${large.counts.items / small.counts.items} content; k is the exponent in cost ∝ size^k)`, growthTable(small, large));
  parts.push(`### Video pipeline (local OpenAI-compatible server, ${results.coldLatencyMs} ms per call)`, pipelineTable(results));
  for (const s of results.sizes) parts.push(`### Page weight, ${s.size} (what a browser loads on first visit, gzip)`, weightTable(s));
  parts.push('### Search (Pagefind in Chromium: import, search, load the first ten results)', searchTable(results.sizes));
  return parts.join('\n\n');
}

/**
 * Replaces a results section of BENCHMARKS.md (`results`, or `xl` for the on-demand XL run),
 * keeping everything outside its markers.
 */
export function writeBenchmarksFile(file: string, section: string, name: 'results' | 'xl' = 'results'): void {
  const START = `<!-- bench:${name}:start -->`;
  const END = `<!-- bench:${name}:end -->`;
  const block = `${START}\n\n${section}\n\n${END}`;
  if (!existsSync(file)) {
    writeFileSync(file, `# Benchmarks\n\nRerun with \`npm run bench\` (see bench/run.ts for options).\n\n## Latest results\n\n${block}\n`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const heading = name === 'xl' ? '## XL run' : '## Latest results';
  const next = start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + END.length) : `${text.trimEnd()}\n\n${heading}\n\n${block}\n`;
  writeFileSync(file, next);
}
