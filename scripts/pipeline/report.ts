/**
 * What the CLI prints: a progress bar on a terminal, plain lines in CI, and
 * summary tables at the end.
 */
import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';
import type { ProcessEvents, ProcessReport, VideoOutcome } from './process-videos.ts';
import type { VideoPlan } from './needs-work.ts';

type Write = (line: string) => void;

/** cli-progress, loaded only when a bar is drawn, so a run with nothing to do (or in CI) does not load it. */
const loadCliProgress = () => createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

/** A plain-text table with padded columns. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min(90, (r[i] ?? '').length))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (c.length > 90 ? `${c.slice(0, 87)}...` : c).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** Progress events for a run: a cli-progress bar with counts and ETA on a TTY, one line per video otherwise, nothing when quiet. */
export function progressReporter(options: { tty: boolean; quiet: boolean; write: Write }): ProcessEvents & { stop(): void } {
  let bar: cliProgressModule.SingleBar | undefined;
  let total = 0;
  let done = 0;
  let failed = 0;
  return {
    onPlan({ todo }) {
      total = todo.length;
      if (options.quiet || total === 0) return;
      if (options.tty) {
        const cliProgress = loadCliProgress();
        bar = new cliProgress.SingleBar(
          {
            format: 'videos {bar} {value}/{total} | {completed} completed, {failed} failed | ETA {eta_formatted} | {current}',
            hideCursor: true,
            clearOnComplete: false,
            etaBuffer: 4,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { completed: 0, failed: 0, current: '' });
      } else {
        options.write(`videos: processing ${total} video${total === 1 ? '' : 's'}`);
      }
    },
    onStart(id) {
      bar?.update({ current: id });
    },
    onDone(outcome: VideoOutcome) {
      done++;
      if (outcome.status === 'failed') failed++;
      if (bar) bar.update(done, { completed: done - failed, failed, current: outcome.id });
      else if (!options.quiet) {
        const what = outcome.status === 'completed' ? `completed in ${seconds(outcome.durationMs)}` : `failed: ${outcome.error}`;
        options.write(`[${done}/${total}] ${outcome.id} ${what}`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * Says which model-written material an offline run kept instead of replacing it, why, and how to
 * replace it on purpose; empty when nothing was kept.
 */
export function keptMessage(kept: readonly VideoPlan[]): string {
  if (kept.length === 0) return '';
  const ids = kept.map((p) => `${p.video.id} (${p.previous?.generator.model ?? 'model'}; would have run: ${p.keptFrom})`);
  return (
    `videos: kept model-written notes and quiz of ${kept.length} video${kept.length === 1 ? '' : 's'}: ${ids.join(', ')}. ` +
    'This run has no OPENAI_API_KEY, and the offline extractor never replaces material a model wrote. ' +
    'Set OPENAI_API_KEY to regenerate them, or run `npm run videos -- process --provider offline` to replace them with extracted notes.'
  );
}

/** Counts for the one-line summary the prebuild prints. */
export function summaryLine(report: ProcessReport): string {
  const completed = report.outcomes.filter((o) => o.status === 'completed').length;
  const failed = report.outcomes.filter((o) => o.status === 'failed');
  const kept = report.kept.length ? `, ${report.kept.length} kept as written by a model (no key in this run)` : '';
  if (report.outcomes.length === 0) {
    const waiting = report.waitingForRetry.length;
    return `videos: ${report.upToDate.length} completed${kept}${waiting ? `, ${waiting} failed (run \`npm run videos -- retry --all-failed\`)` : ''}, nothing to do`;
  }
  const parts = [`${completed} processed`, `${failed.length} failed`, `${report.upToDate.length} already up to date${kept}`];
  const firstFailure = failed[0] ? `; first failure ${failed[0].id}: ${failed[0].error}` : '';
  return `videos: ${parts.join(', ')}${firstFailure}`;
}

/** The table printed after a run. */
export function outcomesTable(outcomes: readonly VideoOutcome[]): string {
  return table(
    ['video', 'result', 'why', 'attempts', 'time', 'notes'],
    outcomes.map((o) => [
      o.id,
      o.status,
      o.reason,
      String(o.attempts),
      seconds(o.durationMs),
      o.error ? `${o.error}${o.servingPrevious ? ' (still serving the previous result)' : ''}` : o.warnings.join('; '),
    ]),
  );
}
