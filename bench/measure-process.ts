/**
 * Runs a command and measures it the way a user feels it: wall time, and the
 * peak resident memory of its whole process tree (astro and pagefind spawn
 * workers, so the root process alone under-reports), sampled from /proc.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMeasurement {
  wallMs: number;
  /** Highest sum of RSS over the process and all its descendants; 0 where /proc is unavailable. */
  peakRssBytes: number;
  stdout: string;
  stderr: string;
}

const PAGE_SIZE = 4096;
const SAMPLE_MS = 50;

/** Parent of every live process, read once per sample. */
function parentsByPid(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return children;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses; fields resume after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // the process ended between listing and reading
    }
  }
  return children;
}

/** Sum of RSS over `pid` and its descendants. */
export function treeRssBytes(pid: number): number {
  const children = parentsByPid();
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    try {
      const resident = Number(readFileSync(`/proc/${current}/statm`, 'utf8').split(' ')[1]);
      total += resident * PAGE_SIZE;
    } catch {
      // gone already
    }
    queue.push(...(children.get(current) ?? []));
  }
  return total;
}

export class CommandFailedError extends Error {
  override name = 'CommandFailedError';
}

/** Runs `command args` in `cwd` with `env`, resolving with its measurement; rejects with its output when it exits non-zero. */
export function measureCommand(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessMeasurement> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let peak = 0;
    const sample = () => {
      if (child.pid) peak = Math.max(peak, treeRssBytes(child.pid));
    };
    const timer = setInterval(sample, SAMPLE_MS);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      if (code !== 0) {
        reject(new CommandFailedError(`${command} ${args.join(' ')} exited with ${code}:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`));
        return;
      }
      resolvePromise({ wallMs, peakRssBytes: peak, stdout, stderr });
    });
  });
}
