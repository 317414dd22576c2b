/**
 * Runs the real pipeline (scripts/commands/process.ts) from the studio, in the dev server's
 * process and under the same run lock as `npm run videos -- process`: a CLI run and a studio run
 * never overlap, and the second one gets the lock holder's plain message. Status changes and the
 * CLI's progress lines go to the event hub as they happen.
 */
import { runProcess, UsageError } from '../../scripts/commands/process.ts';
import { LockHeldError } from '../../scripts/pipeline/material-writer.ts';
import { ConfigError } from '../../scripts/pipeline/config.ts';
import { PipelineError } from '../../scripts/pipeline/adapters.ts';
import { StudioRefusal } from './guard.ts';
import type { StudioEventHub } from './events.ts';

export interface PipelineRunner {
  /** Starts a run of `ids` (retrying failed ones when `retry`); resolves once it holds the lock and has planned, or refuses. */
  start(request: { ids: string[]; retry: boolean }): Promise<{ ids: string[] }>;
  /** The ids of the studio's run in progress, if any. */
  running(): string[] | undefined;
}

type Settled = { ok: true } | { ok: false; error: unknown };

export function createPipelineRunner({
  projectRoot,
  hub,
  redact,
}: {
  projectRoot: string;
  hub: StudioEventHub;
  redact: (text: string) => string;
}): PipelineRunner {
  let current: string[] | undefined;
  return {
    running: () => current,
    async start({ ids, retry }) {
      if (current) throw new StudioRefusal(409, `a run started here is still going (${current.join(', ')}); wait for it to finish`);
      current = ids;
      let planned!: () => void;
      const hasPlanned = new Promise<'planned'>((resolve) => (planned = () => resolve('planned')));
      const say = (line: string) => hub.publish({ type: 'progress', line });
      const settled: Promise<Settled> = runProcess({
        root: projectRoot,
        ids,
        flags: {},
        ...(retry ? { retry: new Set(ids) } : {}),
        print: { out: say, err: say },
        events: {
          onPlan() {
            planned();
            hub.publish({ type: 'run', state: 'started', ids });
          },
          onStart(id) {
            hub.publish({ type: 'status', id, status: 'processing' });
          },
          onDone(outcome) {
            hub.publish({ type: 'status', id: outcome.id, status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) });
          },
        },
      }).then(
        (): Settled => ({ ok: true }),
        (error: unknown): Settled => ({ ok: false, error }),
      );
      void settled.then((result) => {
        current = undefined;
        const message = result.ok ? undefined : describe(result.error, redact);
        hub.publish({ type: 'run', state: 'finished', ids, ok: result.ok, ...(message ? { message } : {}) });
        hub.publish({ type: 'library' });
      });
      const first = await Promise.race([hasPlanned, settled]);
      if (first !== 'planned' && !first.ok) {
        const error = first.error;
        const status = error instanceof LockHeldError ? 409 : error instanceof UsageError || error instanceof ConfigError ? 400 : 500;
        throw new StudioRefusal(status, describe(error, redact));
      }
      return { ids };
    },
  };
}

/** A run's failure as the CLI would say it; anything unexpected keeps only its (redacted) first line. */
function describe(error: unknown, redact: (text: string) => string): string {
  if (error instanceof LockHeldError || error instanceof ConfigError || error instanceof UsageError || error instanceof PipelineError)
    return redact(error.message);
  return `the run stopped unexpectedly: ${redact(String((error as Error)?.message ?? error).split('\n')[0] ?? '')}; see the dev server's terminal`;
}
